using System.Text;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Lake.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MHA.Bench.Workload;

/// <summary>
/// A local lake whose Silver holds the producer's clean feed (fixed seed) up to the event that completes the wanted
/// number of stays, written the way the engine writes it: every item parsed and recorded in Bronze by the real
/// <see cref="LakeWriter"/>, every event cleaned (<see cref="SilverCleaner"/>, the age from the patient's history as the
/// patient grain keeps it) and numbered in its hospital's apply order (<c>apply_seq</c>), flushed every
/// <see cref="LakeOptions.FlushMaxRows"/> rows into <c>event_date</c> partitions. The clean feed has no duplicates, so
/// every placed event is applied (a hospital grain drops only repeated event ids).
/// </summary>
/// <remarks>
/// The feed starts on <see cref="Start"/>, so even a million stays (about two years) lie in the past, as history in a
/// lake does: the census counts only the last hour's admissions and discharges before the refresh, not future ones.
/// </remarks>
public sealed record SilverLake(string Root, int Events, int CompletedStays, int OpenStays, int Transfers, long SilverFiles, long Bytes, DateTimeOffset FirstEventTime, DateTimeOffset LastEventTime)
{
    public static readonly DateTimeOffset Start = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string SilverFolder => Path.Combine(Root, LakePaths.Silver);

    public static async Task<SilverLake> WriteAsync(string root, HospitalCatalog catalog, int seed, int stays, CancellationToken cancellationToken)
    {
        var options = new LakeOptions { WriterId = 0 };
        var lake = new LakeWriter(new LocalFolderLakeStorage(root), Options.Create(options), TimeProvider.System, NullLogger<LakeWriter>.Instance);
        await lake.InitializeAsync(cancellationToken);
        var parser = new AdtEventParser(catalog);
        var patients = new Dictionary<string, PatientHistory>(StringComparer.Ordinal);
        var applySeq = new Dictionary<int, long>();
        var open = new HashSet<(int, string)>();
        int events = 0, completed = 0, transfers = 0, chunkNumber = 0;
        DateTimeOffset? first = null, last = null;

        using var feed = BenchEvents.Feed(catalog, seed, clean: true, start: Start).GetEnumerator();
        while (completed < stays)
        {
            var chunk = new List<(ReceivedItem Item, EventParseResult Result)>(options.FlushMaxRows);
            while (chunk.Count < options.FlushMaxRows && completed < stays && feed.MoveNext())
            {
                var payload = Encoding.UTF8.GetBytes(feed.Current.Json);
                var result = parser.Parse(payload, feed.Current.EventTime);
                chunk.Add((new ReceivedItem(chunk.Count, payload), result));
                if (result.Event is not { } e) continue;
                switch (e.Type)
                {
                    case AdtEventType.Admission:
                        open.Add((e.HospitalId, e.PatientId));
                        break;
                    case AdtEventType.Transfer:
                        transfers++;
                        break;
                    case AdtEventType.Discharge when open.Remove((e.HospitalId, e.PatientId)):
                        completed++;
                        break;
                }
            }

            if (chunk.Count == 0) break;
            var receivedAt = chunk[^1].Result.Event?.EventTime ?? DateTimeOffset.UtcNow;
            var stamped = lake.AppendReceived(chunk.Select(c => c.Item).ToArray(), chunk.Select(c => c.Result).ToArray(), new IngestSource("simulated-feed", $"feed-{chunkNumber++}"), receivedAt);
            var silver = new List<SilverRow>(stamped.Length);
            foreach (var result in stamped)
            {
                if (result.Event is not { } e) continue;
                if (!patients.TryGetValue(e.PatientId, out var history)) patients[e.PatientId] = history = new PatientHistory();
                var observation = PatientObservation.From(e);
                var age = history.CleanedAge(observation);
                history.Observe(observation);
                var seq = applySeq[e.HospitalId] = applySeq.GetValueOrDefault(e.HospitalId) + 1;
                silver.Add(SilverCleaner.Clean(e, age, catalog.GetHospital(e.HospitalId).Name) with { ApplySeq = seq });
                first ??= e.EventTime;
                last = e.EventTime;
                events++;
            }

            lake.AppendApplied(silver, [], receivedAt);
            await lake.FlushAsync(cancellationToken);
        }

        if (completed < stays) throw new InvalidOperationException($"The feed ended after {completed} of {stays} completed stays.");
        var files = Directory.EnumerateFiles(Path.Combine(root, LakePaths.Silver), "*.parquet", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToArray();
        return new SilverLake(root, events, completed, open.Count, transfers, files.Length, files.Sum(), first!.Value, last!.Value);
    }
}
