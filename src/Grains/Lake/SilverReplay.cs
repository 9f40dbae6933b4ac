using MHA.Grains.Contracts;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Streaming;

namespace MHA.Grains.Lake;

/// <summary>
/// Rebuilds live state from the lake: publishes every Silver event, in ingest order, on its hospital's stream.
/// Silver holds exactly the events the hospitals applied, in the order they applied them, so the census comes back as it was.
/// </summary>
public static class SilverReplay
{
    public static async Task<int> ReplayAsync(ILakeStorage storage, IClusterClient client, CancellationToken cancellationToken = default)
    {
        var rows = new List<(long Seq, AdtEvent Event)>();
        foreach (var file in await storage.ListAsync(LakePaths.Silver, cancellationToken))
        {
            foreach (var row in await ParquetRows.ReadAsync(await storage.ReadAsync(file.Path, cancellationToken), cancellationToken))
            {
                rows.Add(SilverEventReader.Read(row));
            }
        }

        rows.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        foreach (var hospital in rows.Select(r => r.Event).GroupBy(e => e.HospitalId))
        {
            var stream = client.HospitalStream(hospital.Key);
            foreach (var chunk in hospital.Chunk(EventIngestorLimits.MaxBatchSize))
            {
                await stream.OnNextAsync(new AdtEventBatch(chunk, IsReplay: true));
            }
        }

        return rows.Count;
    }
}
