using Parquet.Serialization;

namespace MHA.Grains.Lake.Parquet;

/// <summary>Reads a Parquet file back as rows of column name → value (for Gold, compaction and recovery).</summary>
public static class ParquetRows
{
    public static async Task<IReadOnlyList<Dictionary<string, object?>>> ReadAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(file, writable: false);
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream, cancellationToken: cancellationToken);
        return result.Data.Select(row => row.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)).ToArray();
    }

    public static string? String(this Dictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) ? value as string : null;

    public static int? Int(this Dictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) && value is not null ? Convert.ToInt32(value) : null;

    public static long? Long(this Dictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) && value is not null ? Convert.ToInt64(value) : null;

    public static DateTimeOffset? Timestamp(this Dictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) && value is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
