namespace MHA.Grains.Lake.Silver;

/// <summary>A placeable item its hospital did not apply because it had applied the same event id already (at-least-once delivery, resends).</summary>
public sealed record DroppedDuplicateRow(long IngestSeq, DateTimeOffset DroppedAt, long BronzeSeq, string Source, string SourceRef, string EventId, int? HospitalId)
{
    public static readonly Parquet.ParquetTable<DroppedDuplicateRow> Table = new Parquet.ParquetTable<DroppedDuplicateRow>()
        .Long("ingest_seq", r => r.IngestSeq)
        .Timestamp("received_at", r => r.DroppedAt)
        .Long("bronze_seq", r => r.BronzeSeq)
        .String("source", r => r.Source)
        .String("source_ref", r => r.SourceRef)
        .String("event_id", r => r.EventId)
        .Int("hospital_id", r => r.HospitalId);
}
