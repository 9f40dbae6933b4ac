using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Lake.Storage;

namespace MHA.Grains.Lake;

/// <summary>
/// Reads a hospital's history back from Silver (what it applied, in apply order) and the apply gaps recorded for it, so
/// a hospital grain activating after a restart or a crash rebuilds its census from the lake. Hospitals activating
/// together share one read of the lake.
/// </summary>
public sealed class SilverHistoryReader(ILakeStorage storage)
{
    private static readonly TimeSpan ShareWindow = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private (Task<LakeHistory> Read, DateTimeOffset StartedAt)? _shared;

    /// <summary>The hospital's Silver events ordered by apply sequence, and its recorded gaps.</summary>
    public async Task<HospitalHistory> ReadHospitalAsync(int hospitalId, CancellationToken cancellationToken = default)
    {
        Task<LakeHistory> read;
        lock (_gate)
        {
            if (_shared is not { } shared || DateTimeOffset.UtcNow - shared.StartedAt > ShareWindow || shared.Read.IsFaulted)
            {
                _shared = shared = (ReadLakeAsync(cancellationToken), DateTimeOffset.UtcNow);
            }

            read = shared.Read;
        }

        var history = await read;
        return new HospitalHistory(
            history.Events.TryGetValue(hospitalId, out var events) ? events : [],
            history.Gaps.TryGetValue(hospitalId, out var gaps) ? gaps : []);
    }

    private async Task<LakeHistory> ReadLakeAsync(CancellationToken cancellationToken)
    {
        var events = new Dictionary<int, List<SilverEvent>>();
        foreach (var file in await storage.ListAsync(LakePaths.Silver, cancellationToken))
        {
            foreach (var row in await ParquetRows.ReadAsync(await storage.ReadAsync(file.Path, cancellationToken), cancellationToken))
            {
                var read = SilverEventReader.Read(row);
                if (!events.TryGetValue(read.Event.HospitalId, out var list)) events[read.Event.HospitalId] = list = [];
                list.Add(read);
            }
        }

        foreach (var list in events.Values)
        {
            list.Sort((a, b) => a.ApplySeq != b.ApplySeq ? a.ApplySeq.CompareTo(b.ApplySeq) : a.IngestSeq.CompareTo(b.IngestSeq));
        }

        var gaps = new Dictionary<int, List<ApplyGap>>();
        foreach (var file in await storage.ListAsync(LakePaths.ApplyGaps, cancellationToken))
        {
            foreach (var row in await ParquetRows.ReadAsync(await storage.ReadAsync(file.Path, cancellationToken), cancellationToken))
            {
                var (hospital, gap) = ApplyGapRow.Read(row);
                if (!gaps.TryGetValue(hospital, out var list)) gaps[hospital] = list = [];
                list.Add(gap);
            }
        }

        return new LakeHistory(events.ToDictionary(p => p.Key, p => (IReadOnlyList<SilverEvent>)p.Value),
            gaps.ToDictionary(p => p.Key, p => (IReadOnlyList<ApplyGap>)p.Value));
    }

    private sealed record LakeHistory(IReadOnlyDictionary<int, IReadOnlyList<SilverEvent>> Events, IReadOnlyDictionary<int, IReadOnlyList<ApplyGap>> Gaps);
}
