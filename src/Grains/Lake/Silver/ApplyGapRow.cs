using MHA.Grains.Lake.Parquet;

namespace MHA.Grains.Lake.Silver;

/// <summary>
/// Apply sequence numbers <c>[from, to]</c> of a hospital that have no Silver row and never will: the silo that applied
/// them died before writing them. Their events were not acknowledged, so they are delivered again and applied under new
/// numbers; readers that follow a hospital's apply order (Gold) skip the gap instead of waiting for it.
/// </summary>
public sealed record ApplyGapRow(long IngestSeq, DateTimeOffset RecordedAt, int HospitalId, long FromApplySeq, long ToApplySeq)
{
    public static readonly Parquet.ParquetTable<ApplyGapRow> Table = new Parquet.ParquetTable<ApplyGapRow>()
        .Long("ingest_seq", r => r.IngestSeq)
        .Timestamp("recorded_at", r => r.RecordedAt)
        .Int("hospital_id", r => r.HospitalId)
        .Long("from_apply_seq", r => r.FromApplySeq)
        .Long("to_apply_seq", r => r.ToApplySeq);

    /// <summary>A row read back: the hospital and its lost apply numbers.</summary>
    public static (int HospitalId, ApplyGap Gap) Read(Dictionary<string, object?> row) =>
        (row.Int("hospital_id")!.Value, new ApplyGap(row.Long("from_apply_seq")!.Value, row.Long("to_apply_seq")!.Value));
}
