using System.Text.Json;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary>
/// The bench harness (bench/MHA.Bench), run as its command runs it, at the smoke size on both profiles (Azurite for the
/// local one): it must finish, print the table and write JSON holding every stage's numbers. Nothing here is timed: the
/// numbers belong in docs/performance.md, not in assertions; this only keeps the harness from rotting.
/// </summary>
public sealed class BenchSmokeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Stages = ["floor", "ingest", "latency", "gold", "memory", "replay"];
    private static readonly string[] PerProfileStages = ["ingest", "latency", "memory", "replay"];

    [Fact]
    public async Task Smoke_run_prints_the_table_and_writes_every_stage_for_both_profiles()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mha-tests", Guid.NewGuid().ToString("N"));
        var json = Path.Combine(folder, "bench.json");
        await using var bench = DotnetProcess.StartIn("bench-smoke", "bench/MHA.Bench", "MHA.Bench",
            ["--size", "smoke", "--profile", "embedded,local", "--azurite", azurite.ConnectionString, "--json", json, "--work", Path.Combine(folder, "work")]);

        var exitCode = await bench.WaitForExitAsync(TimeSpan.FromMinutes(5));
        var output = bench.Output();
        Assert.True(exitCode == 0, $"bench exited with {exitCode}:\n{output}");
        Assert.Contains("| stage ", output, StringComparison.Ordinal);
        Assert.Contains("| embedded |", output.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        Assert.Equal(0, root.GetProperty("failures").GetArrayLength());
        var results = root.GetProperty("results").EnumerateArray().Select(r => (
            Stage: r.GetProperty("stage").GetString()!,
            Measure: r.GetProperty("measure").GetString()!,
            Profile: r.GetProperty("profile").ValueKind == JsonValueKind.Null ? null : r.GetProperty("profile").GetString(),
            Value: r.GetProperty("value").GetDouble(),
            Unit: r.GetProperty("unit").GetString()!)).ToArray();

        Assert.Equal(Stages.Order(), results.Select(r => r.Stage).Distinct().Order());
        foreach (var stage in PerProfileStages)
        {
            Assert.Equal(["embedded", "local"], results.Where(r => r.Stage == stage).Select(r => r.Profile).Distinct().Order());
        }

        // Rates, times and ratios are positive; memory differences at this size may be noise either side of zero.
        Assert.All(results, r => Assert.True(double.IsFinite(r.Value) && (r.Unit == "bytes" || r.Value > 0), $"{r.Stage} / {r.Measure} ({r.Profile}) = {r.Value} {r.Unit}"));
        Assert.Contains(results, r => r.Measure.StartsWith("ingest → board p99 at 1,000 events/s", StringComparison.Ordinal) && r.Profile == "local");
        Assert.Contains(results, r => r.Measure == "HTTP ingest / floor" && r.Profile == "embedded");
        foreach (var r in results) Assert.Contains(r.Measure, output, StringComparison.Ordinal);

        // Replay rebuilt exactly the board the original ingest left, on both profiles.
        foreach (var replay in root.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("stage").GetString() == "replay"))
        {
            Assert.Contains("board equal to the original", replay.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
