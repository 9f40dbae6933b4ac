namespace MHA.Grains.Batch;

/// <summary>
/// What became of one file content (<c>landing/_processed/&lt;sha256&gt;.json</c>): the same bytes dropped again, under any
/// name, are skipped. <see cref="Outcome"/> is <c>ingested</c> or <c>rejected</c>.
/// </summary>
public sealed record BatchFileManifest(
    string Sha256,
    string Path,
    string Outcome,
    string? Reason,
    string? Kind,
    int Rows,
    int EventsAccepted,
    int ItemsRejected,
    DateTimeOffset ProcessedAt,
    string Trigger);
