namespace MHA.Grains.Lake.Silver;

/// <summary>An item that cannot be placed in Silver, with the reason and its raw payload.</summary>
public sealed record QuarantineRow(
    long IngestSeq,
    DateTimeOffset ReceivedAt,
    string Source,
    string SourceRef,
    int ItemIndex,
    string Reason,
    string Payload,
    string PayloadEncoding,
    string? EventId)
{
    public static readonly Parquet.ParquetTable<QuarantineRow> Table = new Parquet.ParquetTable<QuarantineRow>()
        .Long("ingest_seq", r => r.IngestSeq)
        .Timestamp("received_at", r => r.ReceivedAt)
        .String("source", r => r.Source)
        .String("source_ref", r => r.SourceRef)
        .Int("item_index", r => r.ItemIndex)
        .String("reason", r => r.Reason)
        .String("payload", r => r.Payload)
        .String("payload_encoding", r => r.PayloadEncoding)
        .String("event_id", r => r.EventId);
}
