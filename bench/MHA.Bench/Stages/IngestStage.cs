using System.Diagnostics;
using MHA.Bench.Cli;
using MHA.Bench.Hosting;
using MHA.Bench.Reporting;
using MHA.Bench.Workload;
using MHA.Grains;
using MHA.Grains.Contracts;
using MHA.Grains.Ingestion;
using MHA.Grains.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MHA.Bench.Stages;

/// <summary>
/// Sustained ingest, end to end: from the producer's NDJSON over HTTP (Kestrel on loopback, <see cref="Concurrency"/>
/// requests in flight) until every event is in Bronze and applied to Silver (or dropped as a duplicate) on disk; and
/// through the hospitals' streams directly (events parsed beforehand, published by the silo's cluster client: grains →
/// Silver, no HTTP and no Bronze). A first tenth of the events warms the host up and is not timed.
/// </summary>
public sealed class IngestStage : IBenchStage
{
    public const int BatchSize = 1_000;
    public const int Concurrency = 4;
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromMinutes(10);
    private static readonly Dictionary<BenchProfile, double> Peaks = new();

    public string Name => "ingest";

    public bool PerProfile => true;

    /// <summary>The HTTP ingest rate measured in this process for <paramref name="profile"/> (the latency stage runs at 80% of it).</summary>
    public static double? PeakOf(BenchProfile profile) => Peaks.TryGetValue(profile, out var peak) ? peak : null;

    public async Task RunAsync(BenchContext context, BenchProfile? profile, CancellationToken cancellationToken)
    {
        var folder = context.NewFolder("ingest");
        var catalog = BenchCatalog.Create(folder, context.Size.Hospitals);
        var events = BenchEvents.Generate(catalog.Catalog, context.Settings.Seed, context.Size.IngestEvents);
        var warm = Math.Max(BatchSize, events.Count / 10);
        var name = BenchReport.ProfileName(profile!.Value);

        var (http, httpCpu) = await MeasureHttpAsync(context, profile.Value, catalog, events, warm, cancellationToken);
        Peaks[profile.Value] = http;
        var (stream, streamCpu) = await MeasureStreamAsync(context, profile.Value, catalog, events, warm, cancellationToken);

        context.Report.Add(new BenchResult(Name, "HTTP → grains → Bronze + Silver", name, http, "events/s", BenchTarget.Minimum(50_000),
            $"{events.Count - warm} events, {catalog.Hospitals} hospitals, batches of {BatchSize}, {Concurrency} in flight; {httpCpu}"));
        context.Report.Add(new BenchResult(Name, "stream → grains → Silver", name, stream, "events/s", Detail: $"{events.Count - warm} events; {streamCpu}"));
        if (FloorStage.FloorRate is { } floor)
        {
            context.Report.Add(new BenchResult(Name, "HTTP ingest / floor", name, http / floor, "ratio", BenchTarget.Minimum(0.30)));
            context.Report.Add(new BenchResult(Name, "stream ingest / floor", name, stream / floor, "ratio"));
        }
    }

    private static async Task<(double Rate, string Cpu)> MeasureHttpAsync(BenchContext context, BenchProfile profile, BenchCatalog catalog, BenchEvents events, int warm, CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(context, profile, catalog.Path);
        using var http = host.HttpClient(host.IngestToken);
        var sender = new IngestSender(http);
        var bodies = events.NdjsonBatches(BatchSize);
        var warmBodies = warm / BatchSize;

        await sender.PostAllAsync(bodies.Take(warmBodies).ToArray(), Concurrency, cancellationToken);
        await LakeProgress.WaitForPlacedAsync(host.Lake, sender.Accepted, ApplyTimeout, cancellationToken);

        var clock = Stopwatch.StartNew();
        var cpu = new CpuMeter();
        await sender.PostAllAsync(bodies.Skip(warmBodies).ToArray(), Concurrency, cancellationToken);
        var posted = clock.Elapsed;
        await LakeProgress.WaitForPlacedAsync(host.Lake, sender.Accepted, ApplyTimeout, cancellationToken);
        clock.Stop();

        var timed = events.Count - warmBodies * BatchSize;
        var rate = timed / clock.Elapsed.TotalSeconds;
        context.Log($"ingest HTTP ({profile}): {rate:#,0} events/s ({timed} events; all posted after {posted.TotalSeconds:0.00} s, applied after {clock.Elapsed.TotalSeconds:0.00} s; {sender.Throttled} throttled requests; {cpu.Describe(timed)})");
        return (rate, cpu.Describe(timed));
    }

    private static async Task<(double Rate, string Cpu)> MeasureStreamAsync(BenchContext context, BenchProfile profile, BenchCatalog catalog, BenchEvents events, int warm, CancellationToken cancellationToken)
    {
        var parser = new AdtEventParser(catalog.Catalog);
        var receivedAt = DateTimeOffset.UtcNow;
        var parsed = events.Payloads.Select(p => parser.Parse(p, receivedAt).Event).ToArray();

        await using var host = await BenchHost.StartAsync(context, profile, catalog.Path);
        var client = host.Client;
        var batchSize = host.Services.GetRequiredService<IOptions<EngineOptions>>().Value.StreamBatchSize;
        await PublishAsync(client, parsed.Take(warm), batchSize, cancellationToken);
        var warmPlaced = parsed.Take(warm).Count(e => e is not null);
        await LakeProgress.WaitForPlacedAsync(host.Lake, warmPlaced, ApplyTimeout, cancellationToken);

        var clock = Stopwatch.StartNew();
        var cpu = new CpuMeter();
        await PublishAsync(client, parsed.Skip(warm), batchSize, cancellationToken);
        await LakeProgress.WaitForPlacedAsync(host.Lake, parsed.Count(e => e is not null), ApplyTimeout, cancellationToken);
        clock.Stop();

        var rate = (events.Count - warm) / clock.Elapsed.TotalSeconds;
        context.Log($"ingest stream ({profile}): {rate:#,0} events/s; {cpu.Describe(events.Count - warm)}");
        return (rate, cpu.Describe(events.Count - warm));
    }

    /// <summary>Publishes each hospital's events in order, in batches as the ingest edge makes them; hospitals in parallel.</summary>
    private static Task PublishAsync(IClusterClient client, IEnumerable<AdtEvent?> events, int batchSize, CancellationToken cancellationToken) =>
        Task.WhenAll(events.OfType<AdtEvent>().GroupBy(e => e.HospitalId).Select(async hospital =>
        {
            var stream = client.HospitalStream(hospital.Key);
            foreach (var chunk in hospital.Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await stream.OnNextAsync(new AdtEventBatch(chunk));
            }
        }));
}
