using System.Diagnostics;
using System.Globalization;
using MHA.Bench.Cli;
using MHA.Bench.Hosting;
using MHA.Bench.Measurement;
using MHA.Bench.Reporting;
using MHA.Bench.Workload;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Bench.Stages;

/// <summary>
/// Memory per active patient. The producer's initial census (clean admissions only, one per patient, in a network
/// scaled so its beds hold <see cref="BenchSize.ActivePatients"/>) is posted over HTTP to an idle host; the managed heap
/// is measured after full compacting collections before the first event and once every admission is applied (Silver
/// on disk, the board showing that many occupied beds), with the bench's own copy of the events freed first. What a
/// patient costs: its place in the hospital census (bed, stay, remembered event id) and its SCD Type 2 history in a
/// patient shard grain. Gold refresh and compaction are held off during the stage so that their work is not counted;
/// Gold's in-memory builder state is measured on its own at the end.
/// </summary>
public sealed class MemoryStage : IBenchStage
{
    public const int BatchSize = 1_000;
    public const int Concurrency = 4;
    private const double TargetBytesPerPatient = 2 * 1024;

    /// <summary>Below the board's amber threshold (85%): no capacity alerts while the census loads.</summary>
    private const double Occupancy = 0.8;

    private static readonly Dictionary<string, string> HostSettings = new()
    {
        ["Lake:GoldRefreshFileThreshold"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["Lake:GoldRefreshMaxInterval"] = "10.00:00:00",
        ["Lake:CompactionInterval"] = "10.00:00:00",
    };

    public string Name => "memory";

    public bool PerProfile => true;

    public async Task RunAsync(BenchContext context, BenchProfile? profile, CancellationToken cancellationToken)
    {
        var name = BenchReport.ProfileName(profile!.Value);
        var folder = context.NewFolder("memory");
        var wanted = context.Size.ActivePatients;
        var factor = (int)Math.Ceiling(wanted / Occupancy / BenchCatalog.Create(folder, context.Size.Hospitals).Beds);
        var catalog = BenchCatalog.Create(folder, context.Size.Hospitals, factor);
        var occupancy = Math.Min(1.0, (double)wanted / catalog.Catalog.AllDepartments.Sum(d => d.StaffedBeds));
        var applyTimeout = TimeSpan.FromSeconds(Math.Max(600, wanted / 200.0));

        await using var host = await BenchHost.StartAsync(context, profile.Value, catalog.Path, HostSettings);
        using var admin = host.HttpClient(host.AdminToken);
        using var http = host.HttpClient(host.IngestToken);
        await host.Lake.WhenReady.WaitAsync(cancellationToken);
        // Asking the board wakes every hospital grain: the idle host has its census objects before the first measurement.
        if (await BoardOccupancy.OccupiedAsync(admin, cancellationToken) != 0) throw new InvalidOperationException("A new host shows occupied beds.");
        await using var sampler = WorkingSetSampler.Start(TimeSpan.FromMilliseconds(100));
        var before = HeapSnapshot.Take();
        context.Log($"memory ({name}): idle host: {before}; {catalog.Hospitals} hospitals, {catalog.Beds:#,0} beds (capacities ×{factor})");

        var clock = Stopwatch.StartNew();
        InitialCensus? census = InitialCensus.Generate(catalog.Catalog, context.Settings.Seed, occupancy, BatchSize);
        var patients = census.Admissions;
        var eventBytes = census.HeapBytes;
        context.Log($"memory ({name}): {patients:#,0} admissions generated ({HeapSnapshot.Mib(eventBytes)} NDJSON held by the bench) in {clock.Elapsed.TotalSeconds:0.0} s");

        var sender = new IngestSender(http);
        var half = census.Bodies.Count / 2;
        clock.Restart();
        await sender.PostAllAsync(census.Bodies.Take(half).ToArray(), Concurrency, cancellationToken);
        await LakeProgress.WaitForPlacedAsync(host.Lake, sender.Accepted, applyTimeout, cancellationToken);
        var halfPatients = sender.Accepted;
        var atHalf = HeapSnapshot.Take();
        await sender.PostAllAsync(census!.Bodies.Skip(half).ToArray(), Concurrency, cancellationToken);
        await LakeProgress.WaitForPlacedAsync(host.Lake, sender.Accepted, applyTimeout, cancellationToken);
        var atFull = HeapSnapshot.Take();
        context.Log($"memory ({name}): {sender.Accepted:#,0} admissions applied in {clock.Elapsed.TotalSeconds:0.0} s");
        if (sender.Accepted != patients || sender.Rejected != 0)
        {
            throw new InvalidOperationException($"Ingest accepted {sender.Accepted} and rejected {sender.Rejected} of {patients} admissions.");
        }

        // The bench's copy of the events goes before the measurement that counts.
        census = null;
        var occupied = await BoardOccupancy.WaitForAsync(admin, patients, TimeSpan.FromMinutes(2), cancellationToken);
        if (occupied != patients) throw new InvalidOperationException($"The board shows {occupied} occupied beds, not {patients}.");
        var active = await ActivationCounts.ReadAsync(host.Client);
        var allActive = HeapSnapshot.Take();
        context.Log($"memory ({name}): all admitted: {allActive}; activations: {active}");

        await host.Services.GetRequiredService<GoldRefreshJob>().RefreshAsync(cancellationToken);
        var withGold = HeapSnapshot.Take();
        context.Log($"memory ({name}): after a Gold refresh: {withGold}");
        var peak = sampler.MaxBytes;

        double PerPatient(long bytes) => (double)bytes / patients;
        var detail = $"{patients:#,0} patients, {catalog.Hospitals} hospitals, {catalog.Beds:#,0} beds; heap {HeapSnapshot.Mib(before.LiveBytes)} idle";
        context.Report.Add(new BenchResult(Name, "bytes per active patient", name, PerPatient(allActive.LiveBytes - before.LiveBytes), "bytes",
            BenchTarget.Maximum(TargetBytesPerPatient), $"{detail} → {HeapSnapshot.Mib(allActive.LiveBytes)}; activations: {active}"));
        context.Report.Add(new BenchResult(Name, "bytes per patient, second half of the load", name, (double)(atFull.LiveBytes - atHalf.LiveBytes) / (patients - halfPatients), "bytes",
            Detail: "heap growth between half and all admitted: fixed costs left out"));
        context.Report.Add(new BenchResult(Name, "Gold builder state per patient", name, PerPatient(withGold.LiveBytes - allActive.LiveBytes), "bytes",
            Detail: "heap growth of one Gold refresh over the loaded Silver (GoldStarSchemaBuilder keeps its census and patients)"));
        context.Report.Add(new BenchResult(Name, "peak process working set", name, peak / 1024.0 / 1024.0, "MiB",
            Detail: $"sampled every 100 ms from the idle host on; includes the bench's events ({HeapSnapshot.Mib(eventBytes)}); process lifetime peak {HeapSnapshot.Mib(Process.GetCurrentProcess().PeakWorkingSet64)}"));
    }
}
