namespace MHA.Grains.Ingestion;

/// <summary>What ingest did with a body: how many items it accepted and, per rejected item, why.</summary>
public sealed record IngestResult(string RequestId, int Accepted, int Rejected, IReadOnlyList<RejectedItem> Errors);

/// <summary>A rejected item: its position in the body, the reason, and its event id when one could be read.</summary>
public sealed record RejectedItem(int Index, string Reason, string? EventId);
