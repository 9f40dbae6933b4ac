using Microsoft.Extensions.Logging;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using MHA.Grains.Lake.Storage;

namespace MHA.Grains.Lake;

/// <summary>
/// Merges a partition's small files into one (Synapse reads files of 100 MB+ best). The merged file is named after the
/// ingest-sequence range of its inputs, so Gold and quality, which read by sequence watermark, never count a row twice.
/// Columns are united by name (schema evolution). Written atomically, then the inputs are deleted.
/// </summary>
public sealed class LakeCompactor(ILakeStorage storage, ILogger<LakeCompactor> logger)
{
    private static readonly string[] Tables = [LakePaths.Bronze, LakePaths.Silver, LakePaths.Quarantine, LakePaths.DroppedDuplicates];

    /// <summary>Compacts every partition holding at least <paramref name="minFiles"/> files smaller than <paramref name="smallFileBytes"/>; returns the files merged.</summary>
    public async Task<int> CompactAsync(int minFiles, long smallFileBytes, CancellationToken cancellationToken = default)
    {
        var merged = 0;
        foreach (var table in Tables)
        {
            var partitions = (await storage.ListAsync(table, cancellationToken))
                .Where(f => f.Size < smallFileBytes && f.Path.EndsWith(".parquet", StringComparison.Ordinal))
                .GroupBy(f => f.Path[..f.Path.LastIndexOf('/')]);
            foreach (var partition in partitions)
            {
                var files = partition.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
                if (files.Length < minFiles) continue;
                await MergeAsync(partition.Key, files, cancellationToken);
                merged += files.Length;
            }
        }

        return merged;
    }

    private async Task MergeAsync(string folder, IReadOnlyList<LakeFile> files, CancellationToken cancellationToken)
    {
        var fields = new List<DataField>();
        var rows = new List<IDictionary<string, object?>>();
        long firstSeq = long.MaxValue, lastSeq = 0;
        foreach (var file in files)
        {
            var bytes = await storage.ReadAsync(file.Path, cancellationToken);
            using (var stream = new MemoryStream(bytes, writable: false))
            {
                foreach (var field in (await ParquetReader.ReadSchemaAsync(stream)).GetDataFields())
                {
                    if (fields.All(f => f.Name != field.Name)) fields.Add(field);
                }
            }

            using var data = new MemoryStream(bytes, writable: false);
            foreach (var row in (await ParquetSerializer.DeserializeUntypedAsync(data, cancellationToken: cancellationToken)).Data)
            {
                rows.Add(row!);
                if (row.TryGetValue("ingest_seq", out var seq) && seq is long s)
                {
                    firstSeq = Math.Min(firstSeq, s);
                    lastSeq = Math.Max(lastSeq, s);
                }
            }
        }

        foreach (var row in rows)
        {
            foreach (var field in fields.Where(f => !row.ContainsKey(f.Name))) row[field.Name] = null;
        }

        using var output = new MemoryStream();
        await ParquetSerializer.SerializeUntypedAsync(rows.ToArray(), new ParquetSchema(fields.Cast<Field>().ToArray()), output,
            new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken);
        var target = $"{folder}/{LakePaths.PartName(firstSeq, lastSeq)}";
        await storage.WriteAsync(target, output.ToArray(), cancellationToken);
        foreach (var file in files)
        {
            await storage.DeleteAsync(file.Path, cancellationToken);
        }

        logger.LogInformation("Compacted {Files} files ({Rows} rows) of {Folder}", files.Count, rows.Count, folder);
    }
}
