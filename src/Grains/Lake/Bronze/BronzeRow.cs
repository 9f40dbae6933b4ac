namespace MHA.Grains.Lake.Bronze;

/// <summary>
/// One received item exactly as it arrived: the payload (UTF-8 text, or base64 when the bytes were not valid UTF-8),
/// where it came from, when, and its event id when one could be read. Nothing is filtered in Bronze.
/// </summary>
public sealed record BronzeRow(
    long IngestSeq,
    DateTimeOffset ReceivedAt,
    string Source,
    string SourceRef,
    int ItemIndex,
    string Payload,
    string PayloadEncoding,
    string? EventId)
{
    public static readonly Parquet.ParquetTable<BronzeRow> Table = new Parquet.ParquetTable<BronzeRow>()
        .Long("ingest_seq", r => r.IngestSeq)
        .Timestamp("received_at", r => r.ReceivedAt)
        .String("source", r => r.Source)
        .String("source_ref", r => r.SourceRef)
        .Int("item_index", r => r.ItemIndex)
        .String("payload", r => r.Payload)
        .String("payload_encoding", r => r.PayloadEncoding)
        .String("event_id", r => r.EventId);
}
