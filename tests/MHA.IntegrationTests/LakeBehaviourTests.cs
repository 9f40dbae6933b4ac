using MHA.Grains.Lake;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>The lake's hands-off behaviour: the Gold refresh rule, schema evolution without restart, flush on stop and restore on start.</summary>
public sealed class LakeBehaviourTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Gold_refreshes_by_itself_after_the_fifth_new_silver_file()
    {
        await using var host = await SiloHost.StartAsync($"refresh-{Guid.NewGuid():N}", settings: new Dictionary<string, string?>
        {
            ["Lake:FlushInterval"] = "00:00:00.500",
            ["Lake:GoldRefreshFileThreshold"] = "5",
            ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
        });
        var lake = host.Services.GetRequiredService<LakeWriter>();
        var job = host.Services.GetRequiredService<GoldRefreshJob>();

        // Four events on four event dates: four Silver files (partitioned by event date), no refresh yet.
        await host.IngestAsync(string.Join('\n', Enumerable.Range(0, 4).Select(d =>
            TestEvents.Admission($"r-{d}", $"P-r-{d}", 1, "ICU", $"H1-ICU-{d + 1:00}", Day1.AddDays(d)))));
        await Eventually.ReturnsAsync(() => Task.FromResult(lake.SilverFilesWritten), n => n == 4, TimeSpan.FromSeconds(10), "four Silver files");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, job.Refreshes);

        await host.IngestAsync(TestEvents.Admission("r-4", "P-r-4", 1, "ICU", "H1-ICU-05", Day1.AddDays(4)));
        await Eventually.ReturnsAsync(() => Task.FromResult(job.Refreshes), n => n == 1, TimeSpan.FromSeconds(10), "Gold refreshed after the fifth file");
        Assert.True(File.Exists(Path.Combine(host.LakePath, "gold", "fact_admission", "admission_date=2026-03-06", "part-00000.parquet")));
    }

    [Fact]
    public async Task A_new_attribute_becomes_a_new_nullable_silver_column_without_restart()
    {
        await using var host = await SiloHost.StartAsync($"schema-{Guid.NewGuid():N}", settings: new Dictionary<string, string?> { ["Lake:FlushInterval"] = "01:00:00" });
        var lake = host.Services.GetRequiredService<LakeWriter>();

        await host.IngestAsync(TestEvents.Admission("s-1", "P-s-1", 2, "Oncology", "H2-ONC-01", Day1));
        await lake.FlushAppliedAsync();
        var withBloodType = TestEvents.Admission("s-2", "P-s-2", 2, "Oncology", "H2-ONC-02", Day1).TrimEnd('}') + ",\"blood_type\":\"O+\"}";
        await host.IngestAsync(withBloodType);
        await lake.FlushAppliedAsync();

        using var query = new LakeQuery(host.LakePath);
        Assert.Equal("VARCHAR", query.Describe("silver")["blood_type"]);
        var rows = query.Rows("SELECT event_id, blood_type FROM silver ORDER BY event_id").Select(r => $"{r[0]}={r[1] ?? "null"}").ToArray();
        Assert.Equal(["s-1=null", "s-2=O+"], rows);
        Assert.Equal(withBloodType, query.Scalar<string>("SELECT payload FROM bronze WHERE event_id = 's-2'"));
        Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(host.LakePath, "silver"), "*.parquet", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task A_graceful_stop_flushes_everything_and_a_restart_restores_live_occupancy()
    {
        var lakePath = SiloHost.TemporaryLakePath();
        var settings = new Dictionary<string, string?> { ["Lake:LocalPath"] = lakePath, ["Lake:FlushInterval"] = "01:00:00" };
        var lines = ProducerEvents.Dirty(seed: 11, count: 3000);
        Dictionary<string, int> before;
        await using (var first = await SiloHost.StartAsync($"restart-{Guid.NewGuid():N}", settings: settings))
        {
            await ProducerEvents.PostAsync(first, lines);
            var oracle = new OccupancyOracle();
            foreach (var line in lines) oracle.Apply(line);
            before = await Eventually.ReturnsAsync(first.GetOccupiedAsync, o => oracle.Occupied().All(kv => o[kv.Key] == kv.Value), TimeSpan.FromSeconds(60), "board equals the file");
            Assert.Equal(0, first.Services.GetRequiredService<LakeWriter>().Statistics.FilesWritten);
        }

        using (var query = new LakeQuery(lakePath))
        {
            Assert.Equal(lines.Length, query.Scalar<long>("SELECT count(*) FROM bronze"));
        }

        await using var second = await SiloHost.StartAsync($"restart-{Guid.NewGuid():N}", settings: settings);
        await Eventually.ReturnsAsync(second.GetOccupiedAsync, o => before.All(kv => o[kv.Key] == kv.Value), TimeSpan.FromSeconds(60), "restarted board equals the board before the stop");

        // New events after the restart continue the ingest sequence and are not mistaken for duplicates.
        await second.IngestAsync(TestEvents.Admission("after-restart", "P-after", 7, "Cardiology", "H7-CARD-25"));
        var lake = second.Services.GetRequiredService<LakeWriter>();
        await lake.FlushAppliedAsync();
        using var after = new LakeQuery(lakePath);
        Assert.Equal(lines.Length + 1, after.Scalar<long>("SELECT count(DISTINCT ingest_seq) FROM bronze"));
        Assert.Equal(1L, after.Scalar<long>("SELECT count(*) FROM silver WHERE event_id = 'after-restart'"));
    }

    [Fact]
    public async Task Compaction_merges_small_files_into_one_without_losing_or_doubling_a_row()
    {
        await using var host = await SiloHost.StartAsync($"compact-{Guid.NewGuid():N}", settings: new Dictionary<string, string?>
        {
            ["Lake:FlushInterval"] = "01:00:00",
            ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
        });
        var lake = host.Services.GetRequiredService<LakeWriter>();
        for (var i = 0; i < 12; i++)
        {
            var admission = TestEvents.Admission($"c-{i}", $"P-c-{i}", 3, "Surgery", $"H3-SURG-{i + 1:00}", Day1.AddMinutes(i));
            await host.IngestAsync(i < 6 ? admission : admission.TrimEnd('}') + $",\"ward_note\":\"n{i}\"}}");
            await lake.FlushAppliedAsync();
        }

        var job = host.Services.GetRequiredService<GoldRefreshJob>();
        await job.RefreshAsync(CancellationToken.None);
        string Snapshot(LakeQuery q) => string.Join(';', q.Rows("SELECT ingest_seq, event_id, ward_note FROM silver ORDER BY ingest_seq").Select(r => string.Join('|', r)));
        string before;
        using (var query = new LakeQuery(host.LakePath)) before = Snapshot(query);

        var merged = await host.Services.GetRequiredService<LakeCompactor>().CompactAsync(minFiles: 10, smallFileBytes: 1024 * 1024);
        Assert.Equal(12 * 2, merged); // Bronze and Silver: 12 files each, one partition each.
        Assert.Single(Directory.EnumerateFiles(Path.Combine(host.LakePath, "silver", "adt_events"), "*.parquet", SearchOption.AllDirectories));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(host.LakePath, "bronze", "adt_events"), "*.parquet", SearchOption.AllDirectories));
        using (var query = new LakeQuery(host.LakePath))
        {
            Assert.Equal(before, Snapshot(query));
            Assert.Equal(12L, query.Scalar<long>("SELECT count(*) FROM bronze"));
            Assert.Equal("TIMESTAMP", query.Describe("silver")["event_time"][..9]);
        }

        // Gold does not count compacted rows again.
        var total = host.Services.GetRequiredService<MHA.Grains.Lake.Gold.GoldStarSchemaBuilder>().SilverRowsTotal;
        var refresh = await job.RefreshAsync(CancellationToken.None);
        Assert.Equal(0, refresh!.SilverRowsApplied);
        Assert.Equal(total, refresh.SilverRowsTotal);
    }
}
