namespace MHA.Grains.Lake.Silver;

/// <summary>A placeable item not written to Silver because its event id already is (at-least-once delivery, resends).</summary>
public sealed record DroppedDuplicateRow(long IngestSeq, DateTimeOffset ReceivedAt, string Source, string SourceRef, string EventId, int? HospitalId)
{
    public static readonly Parquet.ParquetTable<DroppedDuplicateRow> Table = new Parquet.ParquetTable<DroppedDuplicateRow>()
        .Long("ingest_seq", r => r.IngestSeq)
        .Timestamp("received_at", r => r.ReceivedAt)
        .String("source", r => r.Source)
        .String("source_ref", r => r.SourceRef)
        .String("event_id", r => r.EventId)
        .Int("hospital_id", r => r.HospitalId);
}
