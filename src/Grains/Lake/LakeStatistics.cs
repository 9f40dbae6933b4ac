namespace MHA.Grains.Lake;

/// <summary>Running totals of what the lake writer received and where each item went (Bronze = Silver + quarantine + duplicates).</summary>
public sealed record LakeStatistics(
    long BronzeRows,
    long SilverRows,
    long QuarantineRows,
    long DroppedDuplicates,
    long BufferedRows,
    long FilesWritten,
    long SilverFilesWritten,
    DateTimeOffset? LastFlushAt,
    string? LastFlushError);
