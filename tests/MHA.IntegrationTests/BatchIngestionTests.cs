using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MHA.Grains.Alerts;
using MHA.Grains.Lake;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// Daily EHR extracts and department metadata dropped in the landing zone of a real host's lake (issue 5): ingested
/// with no call by the test, once, into Bronze/Silver/Gold; a broken file quarantined whole and alerted; completed
/// encounters kept off the live board; a capacity change on the board and in dim_department; /api/pipeline reporting it.
/// </summary>
public sealed class BatchIngestionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Extracts_dropped_in_the_landing_zone_are_ingested_once_quarantined_when_broken_and_reported()
    {
        var alerts = new RecordingAlertPublisher();
        await using var host = await StartAsync(b => b.Services.AddSingleton<IAlertPublisher>(alerts));
        var lake = host.Services.GetRequiredService<LakeWriter>();
        var now = DateTimeOffset.UtcNow;
        var day = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // A live stay over HTTP: patient B-1 in bed H1-ICU-01, insured Private.
        var admitted = now.AddHours(-3);
        await host.IngestAsync(JsonSerializer.Serialize(new
        {
            event_id = "live-b1", event_type = "ADMISSION", event_time = admitted, patient_id = "B-1", hospital_id = 1, department = "ICU",
            bed_id = "H1-ICU-01", gender = "Female", age = 70, insurance_type = "Private", admission_time = admitted,
        }));
        await Eventually.ReturnsAsync(host.GetOccupiedAsync, o => o["1/ICU"] == 1, Within, "the live admission on the board");

        // The day's extracts: B-1 changed insurance; two completed encounters, one of them in B-1's bed; a broken file.
        Drop(host, $"landing/ehr/{day}/demographics.csv",
            "patient_id,hospital_id,gender,birth_date,insurance_type,effective_time\n" +
            $"B-1,1,Female,1956-03-02,Medicare,{Iso(now.AddHours(-1))}\n");
        Drop(host, $"landing/ehr/{day}/encounters.ndjson",
            Json(new { encounter_id = "E-100", patient_id = "B-2", hospital_id = 1, department = "ICU", bed_id = "H1-ICU-01", admission_time = Iso(now.AddDays(-3)), discharge_time = Iso(now.AddDays(-2)), gender = "Male", age = 61, insurance_type = "Medicaid" }) + "\n" +
            Json(new { encounter_id = "E-101", patient_id = "B-3", hospital_id = 1, department = "Surgery", bed_id = "H1-SURG-04", admission_time = Iso(now.AddDays(-2)), discharge_time = Iso(now.AddHours(-20)) }) + "\n");
        Drop(host, $"landing/ehr/{day}/encounters-broken.csv", "patient;admitted;discharged\nB-9;yesterday;today\n");

        // Rows: 1 update + 2 × (admission + discharge) = 5 events; plus one quarantine record for the broken file.
        await Eventually.ReturnsAsync(() => Task.FromResult(BatchBronzeRows(host, lake)), n => n == 6, Within, "the extracts ingested by themselves");
        await lake.AllWrittenAsync();

        using (var query = new LakeQuery(host.LakePath))
        {
            Assert.Equal(5L, query.Scalar<long>("SELECT count(*) FROM silver WHERE source = 'batch'"));
            Assert.Equal(2L, query.Scalar<long>($"SELECT count(*) FROM silver WHERE source_ref = 'landing/ehr/{day}/encounters.ndjson' AND event_type = 'ADMISSION'"));
            Assert.Equal("UPDATE", query.Scalar<string>("SELECT event_type FROM silver WHERE source = 'batch' AND patient_id = 'B-1'"));
            Assert.Equal(1L, query.Scalar<long>("SELECT count(*) FROM quarantine WHERE source = 'batch' AND reason LIKE 'batch file rejected: header lacks column(s)%'"));
        }

        // The broken file: moved whole to the quarantine folder with its reason, alerted; the others were still ingested.
        var quarantined = Directory.GetFiles(Path.Combine(host.LakePath, "landing", "_quarantine"), "*encounters-broken.csv", SearchOption.AllDirectories);
        Assert.Single(quarantined);
        Assert.Contains("header lacks column(s) encounter_id", File.ReadAllText(quarantined[0] + ".reason.txt"));
        Assert.False(File.Exists(Path.Combine(host.LakePath, "landing", "ehr", day, "encounters-broken.csv")));
        var alert = Assert.Single(alerts.Raised);
        Assert.Equal("mha.alert.batch_file_rejected", alert.Type);
        Assert.Equal($"batch/landing/ehr/{day}/encounters-broken.csv", alert.Key);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);

        // Completed encounters are history: the live patient keeps bed H1-ICU-01, nobody else appears on the board.
        var occupied = await host.GetOccupiedAsync();
        Assert.Equal(1, occupied["1/ICU"]);
        Assert.Equal(0, occupied["1/Surgery"]);
        var beds = await host.GetJsonAsync("/api/occupancy/1/departments/ICU/beds");
        Assert.Equal("B-1", Assert.Single(beds.EnumerateArray()).GetProperty("patient_id").GetString());

        // The same demographics content dropped again (another day, another name) adds nothing; a new file still lands.
        Drop(host, $"landing/ehr/{now.AddDays(1):yyyy-MM-dd}/demographics-resent.csv",
            File.ReadAllText(Path.Combine(host.LakePath, "landing", "ehr", day, "demographics.csv")));
        Drop(host, $"landing/ehr/{now.AddDays(2):yyyy-MM-dd}/demographics.csv",
            "patient_id,hospital_id,gender,age,insurance_type,effective_time\n" + $"B-4,2,Other,33,SelfPay,{Iso(now.AddMinutes(-30))}\n");
        await Eventually.ReturnsAsync(() => Task.FromResult(BatchBronzeRows(host, lake)), n => n >= 7, Within, "the new file ingested");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(7, BatchBronzeRows(host, lake));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(host.LakePath, "landing", "_processed"), "*.json").Length);

        // Gold: the insurance change opened a second dim_patient version; the encounters are stays, not current.
        await lake.AllWrittenAsync();
        await host.Services.GetRequiredService<GoldRefreshJob>().RefreshAsync(CancellationToken.None);
        using (var query = new LakeQuery(host.LakePath))
        {
            var versions = query.Rows($"SELECT version, insurance_type, is_current FROM dim_patient WHERE patient_key = '{TestPatientKeys.Of("B-1")}' ORDER BY version");
            Assert.Equal(2, versions.Count);
            Assert.Equal(["Private", "Medicare"], versions.Select(v => (string)v[1]!).ToArray());
            Assert.True((bool)versions[1][2]!);
            var encounters = string.Join(", ", new[] { "ehr-1-E-100-admission", "ehr-1-E-101-admission" }.Select(id => $"'{TestPatientKeys.StayOf(1, id)}'"));
            Assert.Equal(2L, query.Scalar<long>($"SELECT count(*) FROM fact_admission WHERE stay_key IN ({encounters}) AND NOT is_currently_admitted AND end_reason = 'discharge'"));
            Assert.Equal(1L, query.Scalar<long>("SELECT count(*) FROM fact_admission WHERE is_currently_admitted"));
        }

        // /api/pipeline reports the runs this test caused.
        var jobs = await PipelineJobsAsync(host);
        Assert.True(jobs["ehr-batch-watcher"].GetProperty("runs").GetInt64() >= 2);
        Assert.Equal("ok", jobs["ehr-batch-watcher"].GetProperty("outcome").GetString());
        Assert.True(jobs["realtime-ingest"].GetProperty("runs").GetInt64() >= 1);
        Assert.True(jobs["gold-refresh"].GetProperty("runs").GetInt64() >= 1);
        Assert.Equal("ok", jobs["gold-refresh"].GetProperty("outcome").GetString());
        Assert.NotEqual(JsonValueKind.Null, jobs["ehr-batch-daily"].GetProperty("next_run").ValueKind);
    }

    [Fact]
    public async Task A_capacity_change_in_the_metadata_file_shows_on_the_board_and_as_a_second_dim_department_version()
    {
        await using var host = await StartAsync();
        var gold = host.Services.GetRequiredService<GoldRefreshJob>();
        await gold.RefreshAsync(CancellationToken.None);
        Assert.Equal(20, await CapacityAsync(host, 2, "ICU"));

        Drop(host, "landing/metadata/departments.json",
            """{"departments": [{"hospital_id": 2, "department": "ICU", "capacity": 26, "staffed_beds": 24, "staff": 41}]}""");
        await Eventually.ReturnsAsync(() => CapacityAsync(host, 2, "ICU"), c => c == 26, Within, "the new ICU capacity of hospital 2 on the board");
        Assert.Equal(20, await CapacityAsync(host, 1, "ICU"));

        await gold.RefreshAsync(CancellationToken.None);
        using (var query = new LakeQuery(host.LakePath))
        {
            var versions = query.Rows("SELECT capacity, staffed_beds, is_current, effective_to IS NULL FROM dim_department WHERE hospital_id = 2 AND department = 'ICU' ORDER BY effective_from");
            Assert.Equal(2, versions.Count);
            Assert.Equal((20, false), (Convert.ToInt32(versions[0][0]), (bool)versions[0][2]!));
            Assert.Equal((26, 24, true), (Convert.ToInt32(versions[1][0]), Convert.ToInt32(versions[1][1]), (bool)versions[1][2]!));
            Assert.Equal(1L, query.Scalar<long>("SELECT count(*) FROM dim_department WHERE hospital_id = 1 AND department = 'ICU'"));
        }

        var jobs = await PipelineJobsAsync(host);
        Assert.Equal("ok", jobs["department-metadata"].GetProperty("outcome").GetString());
        Assert.Contains("hospitals 2 updated", jobs["department-metadata"].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_daily_reminder_sweeps_the_landing_zone_when_the_watcher_is_off()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(15);
        await using var host = await StartAsync(settings: new() { ["Batch:PollInterval"] = "00:00:00", ["Batch:DailyAt"] = at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) });
        var lake = host.Services.GetRequiredService<LakeWriter>();
        Drop(host, $"landing/ehr/{at:yyyy-MM-dd}/demographics.ndjson",
            Json(new { patient_id = "D-1", hospital_id = 5, gender = "Male", age = 44, insurance_type = "Private", effective_time = Iso(at.AddHours(-1)) }) + "\n");

        await Eventually.ReturnsAsync(() => Task.FromResult(BatchBronzeRows(host, lake)), n => n == 1, TimeSpan.FromSeconds(90), "the daily run at Batch:DailyAt");
        var daily = (await PipelineJobsAsync(host))["ehr-batch-daily"];
        Assert.Equal(1, daily.GetProperty("runs").GetInt64());
        Assert.Equal("ok", daily.GetProperty("outcome").GetString());
        Assert.True(daily.GetProperty("next_run").GetDateTimeOffset() > at.AddHours(23));
    }

    private static Task<SiloHost> StartAsync(Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Lake:FlushInterval"] = "00:00:01",
            ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
            ["Batch:PollInterval"] = "00:00:01",
            ["Batch:SettleTime"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return SiloHost.StartAsync($"batch-{Guid.NewGuid():N}", settings: all, configure: configure);
    }

    private static void Drop(SiloHost host, string path, string content) => LandingZone.Drop(host, path, content);

    private static long BatchBronzeRows(SiloHost host, LakeWriter lake)
    {
        lake.FlushAsync().GetAwaiter().GetResult();
        if (!Directory.Exists(Path.Combine(host.LakePath, "bronze"))) return 0;
        using var query = new LakeQuery(host.LakePath);
        return query.Scalar<long>("SELECT count(*) FROM bronze WHERE source = 'batch'");
    }

    private static async Task<int> CapacityAsync(SiloHost host, int hospitalId, string department)
    {
        var hospital = await host.GetJsonAsync($"/api/occupancy/{hospitalId}");
        return hospital.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == department).GetProperty("capacity").GetInt32();
    }

    private static async Task<Dictionary<string, JsonElement>> PipelineJobsAsync(SiloHost host) =>
        (await host.GetJsonAsync("/api/pipeline")).GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("job").GetString()!, j => j);

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>A real <see cref="IAlertPublisher"/> that keeps what was raised (the webhook publisher is built elsewhere).</summary>
    private sealed class RecordingAlertPublisher : IAlertPublisher
    {
        private readonly ConcurrentQueue<AlertSignal> _raised = new();

        public IReadOnlyList<AlertSignal> Raised => _raised.ToArray();

        public Task RaiseAsync(AlertSignal signal, CancellationToken cancellationToken = default)
        {
            _raised.Enqueue(signal);
            return Task.CompletedTask;
        }

        public Task ResolveAsync(string key, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
