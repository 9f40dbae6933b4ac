using System.Net.Http.Json;
using System.Text.Json;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary>
/// The local durable profile as operators run it: two silo processes on Azurite (Azure Table clustering and grain
/// storage, Azure Queue streams, the Blob lake), the producer as a third process streaming 20,000 events with a fixed
/// seed to both, and one silo killed with SIGKILL mid-stream. The survivor takes over: the board equals the truth
/// computed from the event file, and Silver holds every applied event exactly once. Then a restart keeps the numbers.
/// No silo logs a patient id of the file.
/// </summary>
public sealed class DurableClusterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int EventCount = 20_000;
    private const int Seed = 4242;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_silo_killed_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        var cancel = TestContext.Current.CancellationToken;
        var file = Path.Combine(RepositoryPaths.TestOutput, $"durable-seed-{Seed}.ndjson");
        await using (var write = DotnetProcess.Start("durable-producer-file", "Producer", "MHA.Producer", ProducerArguments("--out", file)))
        {
            Assert.Equal(0, await write.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        }

        var lines = (await File.ReadAllLinesAsync(file, cancel)).Where(l => l.Length > 0).ToArray();
        Assert.Equal(EventCount, lines.Length);
        var oracle = new OccupancyOracle();
        foreach (var line in lines) oracle.Apply(line);
        Assert.Empty(oracle.UnknownSpellings);
        var expected = oracle.Occupied();

        var ports = Enumerable.Range(0, 2).Select(_ => (Silo: FreePorts.Next(), Gateway: FreePorts.Next(), Http: FreePorts.Next())).ToArray();
        await using var first = await StartSiloAsync(0, ports[0], ports[0].Silo);
        await using var second = await StartSiloAsync(1, ports[1], ports[0].Silo);
        using var survivorHttp = Client(ports[1].Http);

        var targets = string.Join(',', ports.Select(p => $"http://127.0.0.1:{p.Http}/api/events"));
        await using var producer = DotnetProcess.Start("durable-producer", "Producer", "MHA.Producer",
            ProducerArguments("--target", targets, "--token", TestTokens.Ingestor, "--rate", "1500", "--batch", "100"));

        // Mid-stream: about a third of the events are in when the first silo (the producer's first target) dies.
        await Task.Delay(TimeSpan.FromSeconds(5), cancel);
        Assert.False(producer.HasExited, $"the producer should still be streaming when the silo is killed: {producer.Output()}");
        await first.KillAsync();

        Assert.Equal(0, await producer.WaitForExitAsync(TimeSpan.FromMinutes(4)));
        Assert.Contains("retrying", producer.Output(), StringComparison.Ordinal);

        var actual = await Eventually.ReturnsAsync(() => OccupiedAsync(survivorHttp), o => expected.All(kv => o[kv.Key] == kv.Value),
            TimeSpan.FromMinutes(3), "the survivor's board equals the occupancy the event file implies");
        Assert.Equal(expected, actual);

        // Silver: every event the file implies, exactly once, written by either silo.
        var lake = await LakeDownload.ToLocalFolderAsync(azurite.ConnectionString, LakeContainer);
        using (var query = new LakeQuery(lake))
        {
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) - count(DISTINCT (hospital_id, event_id)) FROM silver"));
            var silverKeys = query.Rows("SELECT hospital_id || '/' || event_id FROM silver").Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
            var missing = oracle.AppliedEventKeys.Except(silverKeys).Take(5).ToArray();
            var extra = silverKeys.Except(oracle.AppliedEventKeys).Take(5).ToArray();
            Assert.True(missing.Length == 0 && extra.Length == 0, $"Silver differs from the file: missing {string.Join(", ", missing)}; extra {string.Join(", ", extra)}");
            Assert.Equal(2L, query.Scalar<long>("SELECT count(DISTINCT ingest_seq & 255) FROM silver"));
        }

        // Restart: stop the survivor gracefully, start the killed one again; the board comes back with the same numbers.
        await second.StopAsync(TimeSpan.FromSeconds(60));
        var restartedPorts = (Silo: FreePorts.Next(), Gateway: FreePorts.Next(), Http: FreePorts.Next());
        await using var restarted = await StartSiloAsync(0, restartedPorts, restartedPorts.Silo);
        using var restartedHttp = Client(restartedPorts.Http);
        var afterRestart = await Eventually.ReturnsAsync(() => OccupiedAsync(restartedHttp), o => expected.All(kv => o[kv.Key] == kv.Value),
            TimeSpan.FromMinutes(2), "the restarted silo's board keeps the numbers");
        Assert.Equal(expected, afterRestart);

        // Not one patient id of the file in any silo's output (Information and above, Orleans' warnings included),
        // through a SIGKILL, a takeover and a restart.
        PhiScan.AssertNoPatientIds([first.Output(), second.Output(), restarted.Output()], lines, "the silos' logs");
    }

    private string LakeContainer => $"lake{_run}";

    private static string[] ProducerArguments(params string[] sink) =>
        ["--seed", Seed.ToString(), "--count", EventCount.ToString(), "--start", "2026-11-01T00:00:00Z", .. sink];

    private async Task<DotnetProcess> StartSiloAsync(int instance, (int Silo, int Gateway, int Http) ports, int primarySiloPort)
    {
        var silo = DotnetProcess.Start($"durable-silo-{instance}-{ports.Http}", "Silo", "MHA.Silo",
        [
            "--profile", "local",
            $"--Silo:InstanceId={instance}",
            $"--Silo:SiloPort={ports.Silo - instance}",
            $"--Silo:GatewayPort={ports.Gateway - instance}",
            $"--Silo:PrimarySiloPort={primarySiloPort}",
            $"--Silo:ClusterId=durable-{_run}",
            $"--Silo:ServiceId=mha-{_run}",
            "--Silo:Membership:ProbeTimeout=00:00:02",
            "--Silo:Membership:NumMissedProbesLimit=2",
            "--Silo:Membership:TableRefreshTimeout=00:00:02",
            "--urls", $"http://127.0.0.1:{ports.Http}",
            $"--AzureStorage:ConnectionString={azurite.ConnectionString}",
            $"--AzureStorage:StreamQueuePrefix=adt{_run}",
            "--AzureStorage:StreamMessageVisibilityTimeout=00:00:10",
            $"--Lake:BlobConnectionString={azurite.ConnectionString}",
            $"--Lake:Container={LakeContainer}",
            "--SimulatedFeed:Enabled=false",
            "--Logging:LogLevel:Default=Information",
            "--Logging:LogLevel:Orleans=Warning",
            TestTokens.SigningKeySetting,
        ]);
        using var http = Client(ports.Http);
        await Eventually.ReturnsAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync("/api/occupancy");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, up => up || silo.HasExited, TimeSpan.FromSeconds(90), $"silo {instance} answers");
        Assert.False(silo.HasExited, $"silo {instance} exited: {silo.Output()}");
        return silo;
    }

    private static HttpClient Client(int port) => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) }.Authorize(TestTokens.Admin);

    private static async Task<Dictionary<string, int>> OccupiedAsync(HttpClient http) =>
        SiloHost.OccupiedByDepartment(await http.GetFromJsonAsync<JsonElement>("/api/occupancy", Json));
}
