using System.Globalization;
using System.Text.Json;
using MHA.Grains.Audit;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Storage;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// The audit log (issue 6) through a real host into the lake (local folder and Azurite's Blob endpoint), read back by
/// DuckDB: committed before <see cref="AuditLog.RecordAsync"/> returns in the durable mode, typed, append-only (earlier
/// files unchanged byte for byte), left alone by compaction and not counted by Gold or the quality reports; and the
/// configuration changes the engine makes by itself (department metadata, a webhook endpoint gone) recorded.
/// </summary>
public sealed class AuditLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Local")]
    [InlineData("Blob")]
    public async Task Audit_rows_are_committed_before_acknowledgement_typed_append_only_and_never_compacted(string backend)
    {
        var container = $"lake-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Lake:Backend"] = backend,
            ["Lake:CommitBeforeAcknowledge"] = "true",
            // No timed flush: only commits write, so a file on storage right after RecordAsync proves it waited for one.
            ["Lake:FlushInterval"] = "01:00:00",
            ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
            ["Lake:CompactionInterval"] = "01:00:00",
        };
        if (backend == "Blob")
        {
            settings["Lake:BlobConnectionString"] = azurite.ConnectionString;
            settings["Lake:Container"] = container;
        }

        await using var host = await SiloHost.StartAsync($"audit-{Guid.NewGuid():N}", settings: settings);
        var audit = host.Services.GetRequiredService<AuditLog>();
        var storage = host.Services.GetRequiredService<ILakeStorage>();
        var at = DateTimeOffset.UtcNow;
        const string beds = "/api/occupancy/3/departments/ICU/beds";

        // First batch: three callers at once share a commit.
        await Task.WhenAll(
            audit.RecordAsync(new AuditRecord(at, "alice@mha.example", "ChargeNurse", AuditActions.ViewBeds, AuditOutcomes.Allowed, 3, "ICU", beds, null)),
            audit.RecordAsync(new AuditRecord(at, "bob@mha.example", "Analyst", AuditActions.ViewBeds, AuditOutcomes.Denied, 3, "ICU", beds, "role Analyst has no bed-level access")),
            audit.RecordAsync(new AuditRecord(at, "carol@mha.example", "NetworkAdmin", AuditActions.SignIn, AuditOutcomes.Allowed, null, null, "/dev/token", null)));
        var first = await ReadFilesAsync(storage);
        Assert.NotEmpty(first);
        Assert.Equal(3, await CountRowsAsync(first.Values));

        // Second batch: new files only; the first batch's files are there, byte for byte.
        await audit.RecordAsync(new AuditRecord(at, "dave@mha.example", "HospitalManager", AuditActions.ViewBeds, AuditOutcomes.Allowed, 3, "Surgery",
            "/api/occupancy/3/departments/Surgery/beds", null));
        var second = await ReadFilesAsync(storage);
        Assert.True(second.Count > first.Count, "the second batch adds a file");
        Assert.All(first, f => Assert.Equal(f.Value, second[f.Key]));
        Assert.Equal(1, await CountRowsAsync(second.Where(f => !first.ContainsKey(f.Key)).Select(f => f.Value)));
        Assert.True(second.Keys.GroupBy(PartitionOf).Any(p => p.Count() >= 2), "two audit files in one partition, so compaction would have something to merge");

        // Events in three commits make three small Bronze files of one partition: compaction merges those, not the audit files.
        for (var i = 1; i <= 3; i++) await host.IngestAsync(TestEvents.Admission($"audit-e{i}", $"P-audit-{i}", 3, "ICU", $"H3-ICU-{i:00}"));
        var lake = host.Services.GetRequiredService<LakeWriter>();
        await lake.AllWrittenAsync();
        var merged = await host.Services.GetRequiredService<LakeCompactor>().CompactAsync(minFiles: 2, smallFileBytes: long.MaxValue);
        Assert.True(merged >= 3, $"compaction merged {merged} files; the Bronze files should have been merged");
        Assert.Single(await storage.ListAsync(LakePaths.Bronze));
        var afterCompaction = await ReadFilesAsync(storage);
        Assert.Equal(second.Keys.Order(StringComparer.Ordinal), afterCompaction.Keys.Order(StringComparer.Ordinal));
        Assert.All(second, f => Assert.Equal(f.Value, afterCompaction[f.Key]));

        // Gold and the quality reports do not read the audit table: reconciliation counts only the three events.
        Assert.NotNull(await host.Services.GetRequiredService<GoldRefreshJob>().RefreshAsync(CancellationToken.None));

        var root = backend == "Blob" ? await LakeDownload.ToLocalFolderAsync(azurite.ConnectionString, container) : host.LakePath;
        using var query = new LakeQuery(root);
        Assert.Equal(3L, query.Scalar<long>("SELECT CAST(sum(\"rows\") AS BIGINT) FROM quality_daily WHERE scope = 'reconciliation' AND \"key\" = 'bronze_rows'"));
        Assert.Equal(0L, query.Scalar<long>("SELECT CAST(coalesce(sum(\"rows\"), 0) AS BIGINT) FROM quality_daily WHERE scope = 'reconciliation' AND \"key\" = 'unaccounted'"));
        Assert.Equal(3L, query.Scalar<long>("SELECT count(*) FROM fact_admission"));

        query.Execute($"CREATE VIEW audit AS SELECT * FROM read_parquet('{Path.Combine(root, LakePaths.Audit)}**/*.parquet', hive_partitioning = true)");
        Assert.Equal(4L, query.Scalar<long>("SELECT count(*) FROM audit"));
        Assert.Equal(4L, query.Scalar<long>("SELECT count(DISTINCT audit_id) FROM audit"));
        Assert.Equal(4L, query.Scalar<long>("SELECT count(DISTINCT ingest_seq) FROM audit"));
        var types = query.Describe("audit");
        Assert.StartsWith("TIMESTAMP", types["occurred_at"], StringComparison.Ordinal);
        Assert.StartsWith("TIMESTAMP", types["recorded_at"], StringComparison.Ordinal);
        Assert.Equal("INTEGER", types["hospital_id"]);
        Assert.Equal("BIGINT", types["ingest_seq"]);
        Assert.Equal("VARCHAR", types["actor"]);
        var day = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal([day], query.Rows("SELECT DISTINCT CAST(audit_date AS VARCHAR) FROM audit").Select(r => (string)r[0]!).ToArray());
        Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM audit WHERE recorded_at < occurred_at"));

        var denied = Assert.Single(query.Rows("SELECT actor, actor_role, action, outcome, hospital_id, department, resource, detail, occurred_at FROM audit WHERE outcome = 'denied'"));
        Assert.Equal(new object?[] { "bob@mha.example", "Analyst", "view_beds", "denied", 3, "ICU", beds, "role Analyst has no bed-level access" }, denied[..8]);
        Assert.Equal(at.ToUnixTimeMilliseconds(), new DateTimeOffset(DateTime.SpecifyKind(ToDateTime(denied[8]), DateTimeKind.Utc)).ToUnixTimeMilliseconds());
        Assert.Equal(["alice@mha.example", "dave@mha.example"],
            query.Rows("SELECT actor FROM audit WHERE action = 'view_beds' AND outcome = 'allowed' ORDER BY ingest_seq").Select(r => (string)r[0]!).ToArray());
        Assert.Equal(1L, query.Scalar<long>("SELECT count(*) FROM audit WHERE action = 'sign_in' AND hospital_id IS NULL AND department IS NULL AND detail IS NULL"));
    }

    [Fact]
    public async Task Without_commit_before_acknowledgement_a_record_waits_for_the_flush_and_a_graceful_stop_writes_it()
    {
        var host = await SiloHost.StartAsync($"audit-{Guid.NewGuid():N}", settings: new Dictionary<string, string?> { ["Lake:FlushInterval"] = "01:00:00" });
        var folder = Path.Combine(host.LakePath, LakePaths.Audit);
        try
        {
            await host.Services.GetRequiredService<AuditLog>().RecordAsync(new AuditRecord(DateTimeOffset.UtcNow, "erin@mha.example", "NetworkAdmin",
                AuditActions.ViewBeds, AuditOutcomes.Allowed, 5, "Oncology", "/api/occupancy/5/departments/Oncology/beds", null));
            Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any(), "buffered until the next flush");
        }
        finally
        {
            await host.DisposeAsync();
        }

        var files = Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).ToArray();
        Assert.Equal(1, await CountRowsAsync(files.Select(File.ReadAllBytes)));
    }

    [Fact]
    public async Task A_department_metadata_change_is_a_config_change_of_the_metadata_sync_and_a_rejected_file_a_denied_one()
    {
        await using var host = await SiloHost.StartAsync($"audit-{Guid.NewGuid():N}", settings: new Dictionary<string, string?>
        {
            ["Lake:FlushInterval"] = "00:00:01",
            ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
            ["Batch:PollInterval"] = "00:00:01",
            ["Batch:SettleTime"] = "00:00:00",
        });
        const string valid = """{"departments": [{"hospital_id": 2, "department": "ICU", "capacity": 26, "staffed_beds": 24, "staff": 41}, {"hospital_id": 2, "department": "Surgery", "capacity": 30}]}""";
        Drop(host, "landing/metadata/departments.json", valid);
        await Eventually.ReturnsAsync(() => CapacityAsync(host, 2, "ICU"), c => c == 26, Within, "the new ICU capacity of hospital 2 on the board");

        Drop(host, "landing/metadata/departments.json", """{"departments": [{"hospital_id": 99, "department": "ICU", "capacity": 5}]}""");
        await Eventually.ReturnsAsync(() => MetadataJobAsync(host), j => j.Contains("unknown hospital_id 99", StringComparison.Ordinal), Within, "the broken file rejected");

        // The first content again: already applied, so no change and no row.
        Drop(host, "landing/metadata/departments.json", valid + " ");
        await Eventually.ReturnsAsync(() => MetadataJobAsync(host), j => j == "no change", Within, "the same metadata synced again");

        await host.Services.GetRequiredService<LakeWriter>().FlushAsync();
        using var query = new LakeQuery(host.LakePath);
        query.Execute($"CREATE VIEW audit AS SELECT * FROM read_parquet('{Path.Combine(host.LakePath, LakePaths.Audit)}**/*.parquet', hive_partitioning = true)");
        var rows = query.Rows("SELECT actor, actor_role, action, outcome, hospital_id, department, resource, detail FROM audit ORDER BY ingest_seq");
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { "system:metadata-sync", "system", "config_change", "allowed", 2, "ICU", "landing/metadata/departments.json",
            "Lakeside Medical Center ICU: capacity 20 -> 26, staffed_beds 20 -> 24, staff unset -> 41" }, rows[0]);
        Assert.Equal(new object?[] { "system:metadata-sync", "system", "config_change", "denied", null, null, "landing/metadata/departments.json" }, rows[1][..7]);
        Assert.Contains("unknown hospital_id 99", (string)rows[1][7]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_endpoint_disabled_by_410_Gone_is_one_config_change_of_the_alerts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailureStatus = 410;
        receiver.AlwaysFail = true;
        var settings = receiver.EndpointSettings();
        settings["Lake:FlushInterval"] = "00:00:01";
        await using var host = await SiloHost.StartAsync($"audit-{Guid.NewGuid():N}", settings: settings);

        // 17 of hospital 1's 20 ICU beds (85%) raise a capacity alert; its delivery gets 410, so does the critical one at 95%.
        for (var i = 1; i <= 19; i++) await host.IngestAsync(TestEvents.Admission($"gone-a{i}", $"GONE{i}", 1, "ICU", $"H1-ICU-{i:00}"));
        await Eventually.ReturnsAsync(() => host.GetJsonAsync("/api/alerts"),
            a => a.GetProperty("endpoints").EnumerateArray().Any(e => e.GetProperty("name").GetString() == "oncall" && e.GetProperty("disabled").GetBoolean()),
            Within, "the endpoint disabled after 410");
        Assert.Contains(receiver.Attempts, a => a.Valid);

        var lake = host.Services.GetRequiredService<LakeWriter>();
        var rows = await Eventually.ReturnsAsync(async () =>
        {
            await lake.FlushAsync();
            if (!Directory.Exists(Path.Combine(host.LakePath, LakePaths.Audit))) return new List<object?[]>();
            using var query = new LakeQuery(host.LakePath);
            query.Execute($"CREATE VIEW audit AS SELECT * FROM read_parquet('{Path.Combine(host.LakePath, LakePaths.Audit)}**/*.parquet', hive_partitioning = true)");
            return query.Rows("SELECT actor, actor_role, action, outcome, hospital_id, resource, detail FROM audit");
        }, r => r.Count > 0, Within, "the audit row written");

        // More alerts to the disabled endpoint change nothing more.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await lake.FlushAsync();
        var row = Assert.Single(rows);
        Assert.Equal(new object?[] { "system:alerts", "system", "config_change", "allowed", null, "alerts/endpoints/oncall" }, row[..6]);
        Assert.StartsWith("webhook endpoint 'oncall' disabled: 410 Gone at ", (string)row[6]!, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(host.LakePath, LakePaths.Audit), "*.parquet", SearchOption.AllDirectories));
        Assert.DoesNotContain(receiver.Url.ToString(), (string)row[6]!, StringComparison.Ordinal);
    }

    /// <summary>Every audit file's path and bytes, through the host's own storage (either backend).</summary>
    private static async Task<Dictionary<string, byte[]>> ReadFilesAsync(ILakeStorage storage)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in await storage.ListAsync(LakePaths.Audit)) files[file.Path] = await storage.ReadAsync(file.Path);
        return files;
    }

    private static async Task<int> CountRowsAsync(IEnumerable<byte[]> files)
    {
        var rows = 0;
        foreach (var file in files) rows += (await ParquetRows.ReadAsync(file)).Count;
        return rows;
    }

    private static string PartitionOf(string path) => path[..path.LastIndexOf('/')];

    private static DateTime ToDateTime(object? value) => value switch
    {
        DateTime t => t,
        DateTimeOffset o => o.UtcDateTime,
        _ => throw new Xunit.Sdk.XunitException($"occurred_at read as {value?.GetType().Name}"),
    };

    /// <summary>Writes a file into the host's landing zone the way a copy tool should: whole, then renamed into place.</summary>
    private static void Drop(SiloHost host, string path, string content)
    {
        var target = Path.Combine(host.LakePath, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = Path.Combine(Path.GetTempPath(), $"drop-{Guid.NewGuid():N}");
        File.WriteAllText(temporary, content);
        File.Move(temporary, target, overwrite: true);
    }

    private static async Task<int> CapacityAsync(SiloHost host, int hospitalId, string department)
    {
        var hospital = await host.GetJsonAsync($"/api/occupancy/{hospitalId}");
        return hospital.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == department).GetProperty("capacity").GetInt32();
    }

    private static async Task<string> MetadataJobAsync(SiloHost host) =>
        (await host.GetJsonAsync("/api/pipeline")).GetProperty("jobs").EnumerateArray()
            .Single(j => j.GetProperty("job").GetString() == "department-metadata").TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()!
            : "";
}
