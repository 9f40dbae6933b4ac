namespace MHA.Grains.Lake.Storage;

/// <summary>
/// Where the lake's files live: a local folder (embedded default) or Azure Blob Storage / ADLS Gen2. Paths are
/// relative, '/'-separated (<c>bronze/adt_events/ingest_date=2026-11-25/part-….parquet</c>). A write is atomic:
/// a reader sees the whole file or no file.
/// </summary>
public interface ILakeStorage
{
    /// <summary>Human-readable location, for logs and the pipeline page (no secrets).</summary>
    string Location { get; }

    Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Files whose path starts with <paramref name="prefix"/>, in path order.</summary>
    Task<IReadOnlyList<LakeFile>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    Task DeleteAsync(string path, CancellationToken cancellationToken = default);
}

/// <summary>A file in the lake: path, size in bytes and last write time.</summary>
public sealed record LakeFile(string Path, long Size, DateTimeOffset LastModified);
