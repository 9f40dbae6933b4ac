using System.Text.Json;
using MHA.Grains.Alerts;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Storage;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// Alerts reach a real webhook receiver on loopback: signed (checked by the receiver's own code), retried with the
/// same id until accepted, from an outbox that survives a restart; capacity alerts page once despite flicker; a lake
/// that cannot be written raises an alert and resolves it when it recovers, losing no event.
/// </summary>
public sealed class AlertWebhookTests
{
    private const string HighRaised = AlertKinds.CapacityHigh + AlertKinds.RaisedSuffix;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Crossing_85_pages_once_after_two_500s_and_flicker_around_it_pages_no_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 2;
        await using var host = await SiloHost.StartAsync($"alerts-{Guid.NewGuid():N}", settings: receiver.EndpointSettings());
        var posted = new List<string>();
        async Task PostAsync(string ndjson)
        {
            posted.AddRange(ndjson.Split('\n'));
            await host.IngestAsync(ndjson);
        }

        // ICU of hospital 1 has 20 beds: 17 occupied is 85%.
        for (var i = 1; i <= 17; i++) await PostAsync(TestEvents.Admission($"cap-a{i}", $"CAP{i}", 1, "ICU", $"H1-ICU-{i:00}"));
        var accepted = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.AcceptedOfType(HighRaised)), m => m.Count >= 1, Within,
            "the capacity alert accepted by the receiver");
        var alert = Assert.Single(accepted);
        Assert.Equal("capacity/1/ICU/high", alert.Key);
        Assert.Equal("1.0", alert.Body.GetProperty("specversion").GetString());
        Assert.Equal("/mha/occupancy-engine/silo-0", alert.Body.GetProperty("source").GetString());
        Assert.Equal("85.0", alert.Body.GetProperty("data").GetProperty("details").GetProperty("occupancy_pct").GetString());
        // Three attempts (500, 500, 200), every one with the same id, every one with a valid signature.
        var attempts = receiver.Attempts.Where(a => a.Id == alert.Id).ToArray();
        Assert.Equal(3, attempts.Length);
        Assert.All(receiver.Attempts, a => Assert.True(a.Valid, $"attempt of {a.Id} failed the receiver's checks"));

        // The board's API shows it, without patient ids.
        var active = await host.GetJsonAsync("/api/alerts");
        var shown = Assert.Single(active.GetProperty("active").EnumerateArray(), a => a.GetProperty("key").GetString() == "capacity/1/ICU/high");
        Assert.DoesNotContain("CAP1", active.GetRawText());
        Assert.Equal("warning", shown.GetProperty("severity").GetString());

        // One patient out and in again, five times: 85% → 80% → 85% …
        for (var round = 0; round < 5; round++)
        {
            await PostAsync(TestEvents.Discharge($"cap-d{round}", round == 0 ? "CAP17" : $"CAPX{round - 1}", 1));
            await Eventually.ReturnsAsync(host.GetOccupiedAsync, o => o["1/ICU"] == 16, Within, "ICU at 16");
            await PostAsync(TestEvents.Admission($"cap-x{round}", $"CAPX{round}", 1, "ICU", "H1-ICU-17"));
            await Eventually.ReturnsAsync(host.GetOccupiedAsync, o => o["1/ICU"] == 17, Within, "ICU at 17");
        }

        // A marker after the flicker: 19 of 20 beds (95%) raises the critical level; once it arrived, anything the
        // flicker caused was queued before it.
        await PostAsync(TestEvents.Admission("cap-a18", "CAP18", 1, "ICU", "H1-ICU-18") + "\n" + TestEvents.Admission("cap-a19", "CAP19", 1, "ICU", "H1-ICU-19"));
        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.AcceptedOfType(AlertKinds.CapacityCritical + AlertKinds.RaisedSuffix)), m => m.Count == 1, Within,
            "the critical capacity alert");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(receiver.AcceptedOfType(HighRaised));
        Assert.Empty(receiver.AcceptedOfType(AlertKinds.CapacityHigh + AlertKinds.ResolvedSuffix));
        Assert.Equal(receiver.AcceptedMessages.Count, receiver.AcceptedMessages.Select(m => m.Id).Distinct().Count());

        // No webhook body carries a patient id of the events that caused the alerts.
        PhiScan.AssertNoPatientIds(receiver.Bodies, posted, "the webhook bodies");
    }

    [Fact]
    public async Task An_unwritable_lake_raises_an_alert_and_resolves_it_when_writable_again_losing_no_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var lakePath = SiloHost.TemporaryLakePath();
        var storage = new FailingLakeStorage(lakePath);
        var settings = receiver.EndpointSettings();
        settings["Lake:LocalPath"] = lakePath;
        settings["Lake:FlushInterval"] = "00:00:00.300";
        settings["Alerts:LakeWriteFailedFlushes"] = "3";
        settings["Alerts:LakeWriteFailureAfter"] = "00:00:05";
        settings["Alerts:MonitorInterval"] = "00:00:00.200";
        await using var host = await SiloHost.StartAsync($"alerts-lake-{Guid.NewGuid():N}", settings: settings,
            configure: builder => builder.Services.AddSingleton<ILakeStorage>(storage));
        var lake = host.Services.GetRequiredService<LakeWriter>();

        storage.Unwritable = true;
        var lines = Enumerable.Range(1, 40).Select(i => TestEvents.Admission($"lk-{i}", $"LK{i:000}", 2, "Surgery", $"H2-SURG-{(i % 30) + 1:00}")).ToArray();
        await host.IngestAsync(string.Join('\n', lines.Take(20)));
        var raised = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.AcceptedOfType(AlertKinds.LakeWriteFailed + AlertKinds.RaisedSuffix)),
            m => m.Count == 1, TimeSpan.FromSeconds(30), "the lake-write alert, delivered although the lake (and so the outbox) is unwritable");
        Assert.Equal("critical", raised[0].Body.GetProperty("data").GetProperty("severity").GetString());
        Assert.Contains(await host.GetJsonAsync("/api/alerts") is var a ? a.GetProperty("active").EnumerateArray().Select(x => x.GetProperty("key").GetString()) : [],
            k => k == "lake.write/0");
        await host.IngestAsync(string.Join('\n', lines.Skip(20)));
        Assert.True(lake.BufferedRows > 0);

        storage.Unwritable = false;
        var resolved = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.AcceptedOfType(AlertKinds.LakeWriteFailed + AlertKinds.ResolvedSuffix)),
            m => m.Count == 1, Within, "the resolve event once the lake is writable");
        Assert.Equal(raised[0].Key, resolved[0].Key);
        Assert.NotEqual(raised[0].Id, resolved[0].Id);
        Assert.False(string.IsNullOrEmpty(resolved[0].Body.GetProperty("data").GetProperty("resolved_at").GetString()));

        await lake.AllWrittenAsync();
        using var query = new LakeQuery(lakePath);
        Assert.Equal(40L, query.Scalar<long>("SELECT count(*) FROM bronze"));
        Assert.Equal(lines.Select((_, i) => $"lk-{i + 1}").Order(StringComparer.Ordinal),
            query.Rows("SELECT event_id FROM silver").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        // The outbox caught up with the lake: nothing pending, both messages filed as delivered (with the capacity
        // alerts the full Surgery unit raised).
        await Eventually.ReturnsAsync(() => Task.FromResult(Directory.Exists(Path.Combine(lakePath, "alerts", "outbox")) ? Directory.GetFiles(Path.Combine(lakePath, "alerts", "outbox"), "*.json", SearchOption.AllDirectories).Length : 0),
            n => n == 0, Within, "no outbox entry left");
        await Eventually.ReturnsAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(lakePath, "alerts", "delivered"), "*.json", SearchOption.AllDirectories)
                .Select(Path.GetFileNameWithoutExtension).ToHashSet()),
            files => files.Contains(raised[0].Id) && files.Contains(resolved[0].Id), Within, "both lake messages filed as delivered");
        PhiScan.AssertNoPatientIds(receiver.Bodies, lines, "the webhook bodies");
        PhiScan.AssertNoPatientIds(host.Logs.Lines, lines, "the host's logs");
    }

    [Fact]
    public async Task A_pending_alert_is_delivered_after_a_restart_with_its_original_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AlwaysFail = true;
        receiver.FailureStatus = 503;
        var lakePath = SiloHost.TemporaryLakePath();
        var settings = receiver.EndpointSettings();
        settings["Lake:LocalPath"] = lakePath;
        var clusterId = $"alerts-restart-{Guid.NewGuid():N}";

        string pendingId;
        await using (var first = await SiloHost.StartAsync(clusterId, settings: settings))
        {
            for (var i = 1; i <= 17; i++) await first.IngestAsync(TestEvents.Admission($"rs-a{i}", $"RS{i:000}", 3, "ICU", $"H3-ICU-{i:00}"));
            var tried = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Attempts.Where(a => a.Type == HighRaised).ToArray()), a => a.Length >= 1, Within,
                "a first (refused) delivery attempt");
            pendingId = tried[0].Id;
            await Eventually.ReturnsAsync(() => Task.FromResult(File.Exists(Path.Combine(lakePath, "alerts", "outbox", "0", $"{pendingId}.json"))), f => f, Within,
                "the pending alert in the outbox");
        }

        Assert.Empty(receiver.AcceptedMessages);
        receiver.AlwaysFail = false;
        await using var second = await SiloHost.StartAsync(clusterId, settings: settings);
        var accepted = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.AcceptedOfType(HighRaised)), m => m.Count >= 1, Within,
            "the pending alert delivered by the restarted host");
        Assert.Equal(pendingId, accepted[0].Id);
        // The department is still at 85% after the restart: the condition is known to be active, not paged again.
        await Eventually.ReturnsAsync(second.GetOccupiedAsync, o => o["3/ICU"] == 17, Within, "the census rebuilt from the lake");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(receiver.AcceptedOfType(HighRaised));
        Assert.All(receiver.Attempts, a => Assert.True(a.Valid));
        PhiScan.AssertNone(receiver.Bodies, Enumerable.Range(1, 17).Select(i => $"RS{i:000}").ToArray(), "the webhook bodies");
    }

    [Fact]
    public async Task Items_and_an_extract_whose_errors_quote_patient_ids_keep_them_out_of_alerts_logs_and_quality_keys()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = receiver.EndpointSettings();
        settings["Lake:FlushInterval"] = "00:00:01";
        settings["Lake:GoldRefreshMaxInterval"] = "01:00:00";
        settings["Batch:PollInterval"] = "00:00:01";
        settings["Batch:SettleTime"] = "00:00:00";
        await using var host = await SiloHost.StartAsync($"alerts-phi-{Guid.NewGuid():N}", settings: settings);
        var lake = host.Services.GetRequiredService<LakeWriter>();

        // Patients filling ICU of hospital 4 to 85% (17 of 20 beds): a capacity alert about their department.
        var patients = Enumerable.Range(1, 17).Select(i => $"MRN-4{i:0000}").ToList();
        var admissions = patients.Select((p, i) => TestEvents.Admission($"phi-a{i}", p, 4, "ICU", $"H4-ICU-{i + 1:00}"));
        // Items the engine quarantines with reasons that quote a patient id, and one cut off inside a patient id.
        string[] dirty =
        [
            """{"event_id":"phi-d1","event_type":"ADMISSION","patient_id":"MRN-50001","hospital_id":"MRN-50001","department":"ICU","bed_id":"H4-ICU-18"}""",
            """{"event_id":"phi-d2","event_type":"ADMISSION","patient_id":"MRN-50002","hospital_id":4,"department":"MRN-50002","bed_id":"H4-ICU-19"}""",
            """{"event_id":"phi-d3","event_type":"ADMISSION","patient_id":"MRN-50003""",
        ];
        patients.AddRange(["MRN-50001", "MRN-50002", "MRN-50003"]);
        var answer = await host.IngestAsync(string.Join('\n', admissions.Concat(dirty)));
        Assert.Equal(3, answer.GetProperty("rejected").GetInt32());

        // An EHR extract whose columns slipped: each row holds its patient id where effective_time belongs, so the whole
        // file is rejected with a reason that quotes one ("no readable row: line 2: effective_time 'MRN-60001' …").
        LandingZone.Drop(host, $"landing/ehr/{DateTimeOffset.UtcNow:yyyy-MM-dd}/demographics.csv",
            "patient_id,hospital_id,effective_time\n2026-11-24T10:00:00Z,4,MRN-60001\n2026-11-24T11:00:00Z,4,MRN-60002\n");
        patients.AddRange(["MRN-60001", "MRN-60002"]);

        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.AcceptedOfType(HighRaised)), m => m.Any(a => a.Key == "capacity/4/ICU/high"), Within, "the capacity alert");
        var rejected = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.AcceptedOfType("mha.alert.batch_file_rejected" + AlertKinds.RaisedSuffix)),
            m => m.Count == 1, Within, "the alert for the rejected extract");
        // The alert still says what is wrong, without the value.
        Assert.Contains("effective_time '…' is not a timestamp", rejected[0].Body.GetProperty("data").GetProperty("summary").GetString());

        await lake.AllWrittenAsync();
        await host.Services.GetRequiredService<GoldRefreshJob>().RefreshAsync(CancellationToken.None);
        using (var query = new LakeQuery(host.LakePath))
        {
            // The lake (restricted) keeps the full reasons for whoever repairs the data.
            Assert.Equal(1L, query.Scalar<long>("SELECT count(*) FROM quarantine WHERE reason = 'hospital_id ''MRN-50001'' is not a number'"));
            Assert.Equal(1L, query.Scalar<long>("SELECT count(*) FROM quarantine WHERE reason LIKE 'batch file rejected: no readable row: line 2: effective_time ''MRN-60001''%'"));
        }

        var quality = (await host.GetJsonAsync("/api/quality")).GetRawText();
        Assert.Contains("hospital_id is not a number", quality);
        var texts = receiver.Bodies.Concat(host.Logs.Lines).Append((await host.GetJsonAsync("/api/alerts")).GetRawText()).Append(quality)
            .Append((await host.GetJsonAsync("/api/pipeline")).GetRawText()).ToList();
        Assert.Contains(host.Logs.Lines, l => l.Contains("rejected whole and quarantined", StringComparison.Ordinal));
        PhiScan.AssertNone(texts, patients, "webhook bodies, logs, /api/alerts, /api/quality and /api/pipeline");
    }
}
