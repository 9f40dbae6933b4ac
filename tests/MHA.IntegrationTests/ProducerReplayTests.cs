using System.Text;
using MHA.Grains.Catalog;
using MHA.IntegrationTests.Infrastructure;
using MHA.Producer.Simulation;

namespace MHA.IntegrationTests;

/// <summary>
/// 10,000 dirty producer events through HTTP ingest into an engine with the feed off: per-department occupancy
/// equals what the file implies, computed independently by <see cref="OccupancyOracle"/>.
/// </summary>
public sealed class ProducerReplayTests : IAsyncLifetime
{
    private const int EventCount = 10_000;
    private SiloHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SiloHost.StartAsync($"replay-{Guid.NewGuid():N}");

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string[] Generate(int seed) =>
        new AdtTrafficGenerator(HospitalCatalog.LoadDefault(), new TrafficOptions { Seed = seed, Dirty = DirtyDataRates.Default })
            .Take(EventCount).Select(e => e.Json).ToArray();

    [Fact]
    public async Task Ten_thousand_dirty_events_give_the_occupancy_the_file_implies()
    {
        var lines = Generate(seed: 2026);
        var path = Path.Combine(RepositoryPaths.TestOutput, "producer-seed-2026.ndjson");
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n", TestContext.Current.CancellationToken);
        Assert.Equal(lines, Generate(seed: 2026));

        var oracle = new OccupancyOracle();
        foreach (var line in lines) oracle.Apply(line);
        Assert.Empty(oracle.UnknownSpellings);
        Assert.InRange(oracle.Rejected, 1, EventCount / 5);

        int accepted = 0, rejected = 0;
        foreach (var batch in lines.Chunk(500))
        {
            var result = await _host.IngestAsync(string.Join('\n', batch));
            accepted += result.GetProperty("accepted").GetInt32();
            rejected += result.GetProperty("rejected").GetInt32();
        }

        Assert.Equal(EventCount, accepted + rejected);
        Assert.Equal(oracle.Rejected, rejected);

        var expected = oracle.Occupied();
        Assert.True(expected.Values.Sum() > 300, "the file should leave the network substantially occupied");
        var actual = await Eventually.ReturnsAsync(_host.GetOccupiedAsync, o => expected.All(kv => o[kv.Key] == kv.Value),
            TimeSpan.FromSeconds(60), "board equals the occupancy the file implies");
        Assert.Equal(expected, actual);
    }
}
