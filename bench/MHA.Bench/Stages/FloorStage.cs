using System.Diagnostics;
using MHA.Bench.Cli;
using MHA.Bench.Reporting;
using MHA.Bench.Workload;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Bronze;
using MHA.Grains.Lake.Silver;

namespace MHA.Bench.Stages;

/// <summary>
/// The floor: the same events parsed, cleaned (Silver rules, cleaned age from each patient's history) and written as
/// Bronze, Silver and quarantine Parquet files to a local folder, in a tight loop with no grains and no network. One
/// worker per core, each owning the hospitals with <c>id % cores</c> (as the engine spreads hospitals).
/// </summary>
public sealed class FloorStage : IBenchStage
{
    private const int FileRows = 5_000;

    public string Name => "floor";

    public bool PerProfile => false;

    public async Task RunAsync(BenchContext context, BenchProfile? profile, CancellationToken cancellationToken)
    {
        var catalog = HospitalCatalog.LoadDefault();
        var events = BenchEvents.Generate(catalog, context.Settings.Seed, context.Size.FloorEvents);
        var folder = context.NewFolder("floor");
        var parser = new AdtEventParser(catalog);

        await RunWorkersAsync(events, Math.Min(FileRows, events.Count), parser, catalog, Path.Combine(folder, "warmup"), cancellationToken);
        var clock = Stopwatch.StartNew();
        var cpu = new CpuMeter();
        var written = await RunWorkersAsync(events, events.Count, parser, catalog, Path.Combine(folder, "run"), cancellationToken);
        clock.Stop();

        var rate = events.Count / clock.Elapsed.TotalSeconds;
        context.Report.Add(new BenchResult(Name, "parse + clean + Parquet (Bronze, Silver, quarantine)", null, rate, "events/s",
            Detail: $"{events.Count} events, {written / 1024 / 1024} MiB Parquet, {Environment.ProcessorCount} workers, {clock.Elapsed.TotalSeconds:0.00} s; {cpu.Describe(events.Count)}"));
        context.Log($"floor: {rate:#,0} events/s; {cpu.Describe(events.Count)}");
        FloorRate = rate;
    }

    /// <summary>The floor measured by the last run in this process (the ingest stage reports its ratio to it).</summary>
    public static double? FloorRate { get; private set; }

    private static async Task<long> RunWorkersAsync(BenchEvents events, int count, AdtEventParser parser, HospitalCatalog catalog, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var workers = Environment.ProcessorCount;
        var shares = Enumerable.Range(0, workers).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < count; i++) shares[Math.Abs(events.Events[i].HospitalId) % workers].Add(i);
        var sizes = await Task.WhenAll(shares.Select((share, w) => Task.Run(() => RunWorkerAsync(events, share, parser, catalog, Path.Combine(folder, $"w{w}"), cancellationToken), cancellationToken)));
        return sizes.Sum();
    }

    private static async Task<long> RunWorkerAsync(BenchEvents events, List<int> share, AdtEventParser parser, HospitalCatalog catalog, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var patients = new Dictionary<string, PatientHistory>(StringComparer.Ordinal);
        var receivedAt = DateTimeOffset.UtcNow;
        long bytes = 0, seq = 0;
        var file = 0;
        foreach (var chunk in share.Chunk(FileRows))
        {
            var bronze = new List<BronzeRow>(chunk.Length);
            var silver = new List<SilverRow>(chunk.Length);
            var quarantine = new List<QuarantineRow>();
            for (var i = 0; i < chunk.Length; i++)
            {
                var payload = events.Payloads[chunk[i]];
                var result = parser.Parse(payload, receivedAt);
                var (text, encoding) = PayloadText.Of(payload);
                var bronzeSeq = ++seq;
                bronze.Add(new BronzeRow(bronzeSeq, receivedAt, "bench", "floor", i, text, encoding, result.EventId));
                if (result.Event is not { } e)
                {
                    quarantine.Add(new QuarantineRow(bronzeSeq, receivedAt, "bench", "floor", i, result.RejectReason ?? "unknown", text, encoding, result.EventId));
                    continue;
                }

                if (!patients.TryGetValue(e.PatientId, out var history)) patients[e.PatientId] = history = new PatientHistory();
                var observation = PatientObservation.From(e);
                var age = history.CleanedAge(observation);
                history.Observe(observation);
                silver.Add(SilverCleaner.Clean(e with { BronzeSeq = bronzeSeq }, age, catalog.GetHospital(e.HospitalId).Name) with { IngestSeq = ++seq, ApplySeq = seq });
            }

            bytes += await WriteAsync(Path.Combine(folder, $"bronze-{file}.parquet"), await BronzeRow.Table.WriteAsync(bronze), cancellationToken);
            bytes += await WriteAsync(Path.Combine(folder, $"silver-{file}.parquet"), await SilverRow.Table.WriteAsync(silver, LakeWriter.SilverExtraColumns(silver)), cancellationToken);
            if (quarantine.Count > 0) bytes += await WriteAsync(Path.Combine(folder, $"quarantine-{file}.parquet"), await QuarantineRow.Table.WriteAsync(quarantine), cancellationToken);
            file++;
        }

        return bytes;
    }

    private static async Task<long> WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return content.Length;
    }
}
