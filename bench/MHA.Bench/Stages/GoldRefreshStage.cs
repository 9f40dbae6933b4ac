using System.Diagnostics;
using System.Security.Cryptography;
using MHA.Bench.Cli;
using MHA.Bench.Reporting;
using MHA.Bench.Workload;
using MHA.Grains.Catalog;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace MHA.Bench.Stages;

/// <summary>
/// Gold from empty: <see cref="GoldStarSchemaBuilder.RefreshAsync"/> over a local lake whose Silver holds
/// <see cref="BenchSize.GoldStays"/> completed stays of the producer's clean feed (written beforehand by the real
/// <see cref="LakeWriter"/>), beside DuckDB building the same star schema with SQL (<c>Sql/gold-star-schema.sql</c>) from
/// the same Silver files in the same run. Both outputs are read back and compared; the stage fails when they disagree.
/// </summary>
public sealed class GoldRefreshStage : IBenchStage
{
    /// <summary>The two schemas may differ this much (a share of the builder's rows) before the stage fails.</summary>
    private const double Tolerance = 0.01;

    private const int WarmUpStays = 2_000;
    private const int WarmUpRefreshes = 5;
    private static readonly TimeSpan WarmUpPause = TimeSpan.FromMilliseconds(500);

    public string Name => "gold";

    public bool PerProfile => false;

    public async Task RunAsync(BenchContext context, BenchProfile? profile, CancellationToken cancellationToken)
    {
        var folder = context.NewFolder("gold");
        var catalog = HospitalCatalog.LoadDefault();
        var lakeRoot = Path.Combine(folder, "lake");
        var clock = Stopwatch.StartNew();
        var silver = await SilverLake.WriteAsync(lakeRoot, catalog, context.Settings.Seed, context.Size.GoldStays, cancellationToken);
        context.Log($"gold: Silver written in {clock.Elapsed.TotalSeconds:0.0} s: {silver.Events:#,0} events, {silver.CompletedStays:#,0} completed and " +
            $"{silver.OpenStays:#,0} open stays, {silver.SilverFiles:#,0} files, {silver.Bytes / 1024 / 1024:#,0} MiB, {silver.FirstEventTime:yyyy-MM-dd} to {silver.LastEventTime:yyyy-MM-dd}");

        var secret = RandomNumberGenerator.GetBytes(PatientKeyHasher.MinimumSecretBytes);
        var departments = Path.Combine(folder, "departments.csv");
        await WarmUpAsync(Path.Combine(folder, "warm-up"), catalog, context.Settings.Seed, departments, secret, cancellationToken);
        var duckDbGold = Path.Combine(folder, "duckdb-gold");
        var duckDb = DuckDbStarSchema.For(silver.SilverFolder, catalog, departments, duckDbGold, secret);

        var (refresh, builderSeconds, builderCpu, allocated) = await MeasureBuilderAsync(lakeRoot, catalog, secret, cancellationToken);
        context.Log($"gold: builder {builderSeconds:0.00} s, CPU {builderCpu:0.00} s ({refresh.SilverRowsApplied:#,0} rows from {refresh.SilverFilesRead:#,0} files, " +
            $"{refresh.AdmissionPartitionsWritten:#,0} + {refresh.OccupancyPartitionsWritten:#,0} partitions, {allocated / 1024 / 1024:#,0} MiB allocated)");
        Settle();

        var cpuBefore = Environment.CpuUsage.TotalTime;
        clock.Restart();
        var threads = duckDb.Run();
        var duckDbSeconds = clock.Elapsed.TotalSeconds;
        var duckDbCpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        context.Log($"gold: DuckDB {duckDbSeconds:0.00} s, CPU {duckDbCpu:0.00} s ({threads} threads)");

        var comparison = GoldComparison.Of(Path.Combine(lakeRoot, LakePaths.Gold), duckDbGold);
        context.Log($"gold: {comparison.Summary()}");

        var workload = $"{silver.CompletedStays:#,0} completed + {silver.OpenStays:#,0} open stays, {silver.Events:#,0} Silver rows in {silver.SilverFiles:#,0} files " +
            $"({silver.FirstEventTime:yyyy-MM-dd} to {silver.LastEventTime:yyyy-MM-dd}, {catalog.Hospitals.Count} hospitals)";
        context.Report.Add(new BenchResult(Name, "Gold refresh (our builder)", null, builderSeconds, "s",
            Detail: $"{workload}; CPU {builderCpu:0.00} s, {allocated / 1024 / 1024:#,0} MiB allocated"));
        context.Report.Add(new BenchResult(Name, "same star schema in DuckDB", null, duckDbSeconds, "s",
            Detail: $"DuckDB.NET in-process, {threads} threads, Sql/gold-star-schema.sql; CPU {duckDbCpu:0.00} s; {comparison.Summary()}"));
        context.Report.Add(new BenchResult(Name, "Gold refresh / DuckDB", null, builderSeconds / duckDbSeconds, "ratio", BenchTarget.Maximum(1.5),
            $"CPU time builder / DuckDB: {builderCpu / duckDbCpu:0.00} (less sensitive to other load on the machine than the elapsed times)"));

        Agree(comparison["fact_admission"], comparison.SameStays, "stays");
        Agree(comparison["dim_patient"], comparison.SamePatientVersions, "patient versions");
        Agree(comparison["fact_occupancy_hourly"], comparison.SameOccupancyHours, "occupancy hours");
    }

    /// <summary>
    /// Both sides on a small lake first, untimed. The builder refreshes it from empty <see cref="WarmUpRefreshes"/> times,
    /// a pause apart, so its code is fully compiled (tiered JIT) as in a silo, where Gold refreshes every few minutes;
    /// DuckDB's library is loaded.
    /// </summary>
    private static async Task WarmUpAsync(string folder, HospitalCatalog catalog, int seed, string departments, byte[] secret, CancellationToken cancellationToken)
    {
        var lake = await SilverLake.WriteAsync(Path.Combine(folder, "lake"), catalog, seed, WarmUpStays, cancellationToken);
        for (var i = 0; i < WarmUpRefreshes; i++)
        {
            var gold = Path.Combine(lake.Root, LakePaths.Gold);
            if (Directory.Exists(gold)) Directory.Delete(gold, recursive: true);
            await new GoldStarSchemaBuilder(new LocalFolderLakeStorage(lake.Root), catalog, new PatientKeyHasher(secret), TimeProvider.System,
                NullLogger<GoldStarSchemaBuilder>.Instance).RefreshAsync(cancellationToken);
            await Task.Delay(WarmUpPause, cancellationToken);
        }

        DuckDbStarSchema.For(lake.SilverFolder, catalog, departments, Path.Combine(folder, "duckdb-gold"), secret).Run();
    }

    /// <summary>Gold from empty on the lake, timed: the refresh, its seconds, the process's CPU seconds and the bytes it allocated.</summary>
    private static async Task<(GoldRefreshResult Refresh, double Seconds, double CpuSeconds, long Allocated)> MeasureBuilderAsync(string lakeRoot, HospitalCatalog catalog, byte[] secret,
        CancellationToken cancellationToken)
    {
        var builder = new GoldStarSchemaBuilder(new LocalFolderLakeStorage(lakeRoot), catalog, new PatientKeyHasher(secret), TimeProvider.System,
            NullLogger<GoldStarSchemaBuilder>.Instance);
        Settle();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var refresh = await builder.RefreshAsync(cancellationToken);
        clock.Stop();
        return (refresh, clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds, GC.GetTotalAllocatedBytes() - allocatedBefore);
    }

    /// <summary>Fails the stage when DuckDB's table is not the builder's: other row counts, or too few identical rows.</summary>
    private static void Agree(GoldComparison.TableRows rows, long identical, string what)
    {
        var allowed = Math.Max(1, (long)(rows.Builder * Tolerance));
        if (Math.Abs(rows.Builder - rows.DuckDb) > allowed || rows.Builder - identical > allowed)
        {
            throw new InvalidOperationException(
                $"{rows.Table}: the builder wrote {rows.Builder:#,0} rows, DuckDB {rows.DuckDb:#,0}, {identical:#,0} {what} identical: not the same star schema.");
        }
    }

    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
