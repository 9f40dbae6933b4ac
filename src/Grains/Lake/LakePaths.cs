using System.Globalization;

namespace MHA.Grains.Lake;

/// <summary>The lake's folder layout (docs/lake.md): Hive-style partition folders that Synapse can prune with filepath().</summary>
public static class LakePaths
{
    public const string Bronze = "bronze/adt_events/";
    public const string Silver = "silver/adt_events/";
    public const string Quarantine = "silver/quarantine/";
    public const string DroppedDuplicates = "silver/dropped_duplicates/";
    public const string ApplyGaps = "silver/apply_gaps/";
    public const string Gold = "gold/";
    public const string Quality = "quality/";

    /// <summary>The audit log (<c>MHA.Grains.Audit.AuditLog</c>): append-only, never compacted, rewritten or read by Gold and quality.</summary>
    public const string Audit = "audit/audit_log/";

    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new data file in a partition; the name carries the ingest sequence range it holds.</summary>
    public static string PartFile(string table, string partitionColumn, string day, long firstSeq, long lastSeq) =>
        $"{table}{partitionColumn}={day}/{PartName(firstSeq, lastSeq)}";

    /// <summary>A data file's name: <c>part-{first}-{last}-{random}.parquet</c>, sequence numbers zero-padded so names sort by them.</summary>
    public static string PartName(long firstSeq, long lastSeq) =>
        $"part-{firstSeq:D19}-{lastSeq:D19}-{Guid.NewGuid().ToString("N")[..8]}.parquet";

    /// <summary>Reads the lowest ingest sequence from a part file name (0 when the name carries none).</summary>
    public static long FirstSeqOf(string path) => SeqOf(path, 1);

    /// <summary>Reads the highest ingest sequence from a part file name (0 when the name carries none).</summary>
    public static long LastSeqOf(string path) => SeqOf(path, 2);

    private static long SeqOf(string path, int part)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var parts = name.Split('-');
        return parts.Length >= 3 && long.TryParse(parts[part], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }
}
