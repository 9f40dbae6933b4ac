using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Storage;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>When ingest outruns the lake, HTTP ingest answers 503 with Retry-After, buffered rows stay bounded, and nothing accepted is lost.</summary>
public sealed class BackpressureTests
{
    private const int MaxBufferedRows = 3000;

    [Fact]
    public async Task A_flood_against_a_slow_lake_is_throttled_with_retry_after_and_loses_nothing()
    {
        var lakePath = SiloHost.TemporaryLakePath();
        await using var host = await SiloHost.StartAsync($"flood-{Guid.NewGuid():N}",
            settings: new Dictionary<string, string?>
            {
                ["Lake:LocalPath"] = lakePath,
                ["Lake:FlushInterval"] = "00:00:00.250",
                ["Lake:MaxBufferedRows"] = MaxBufferedRows.ToString(),
                ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
                ["Lake:GoldRefreshFileThreshold"] = "1000000",
            },
            configure: builder => builder.Services.AddSingleton<ILakeStorage>(new SlowLakeStorage(lakePath, TimeSpan.FromMilliseconds(400))));
        var lake = host.Services.GetRequiredService<LakeWriter>();

        var lines = ProducerEvents.Dirty(seed: 3, count: 12_000);
        var batches = lines.Chunk(500).ToArray();
        var throttled = 0;
        var retryAfterSeen = new ConcurrentBag<string>();
        var acceptedItems = 0;
        var maxBuffered = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                maxBuffered = Math.Max(maxBuffered, lake.BufferedRows);
                await Task.Delay(5);
            }
        });

        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            var body = string.Join('\n', batch);
            while (true)
            {
                using var response = await host.Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"), ct);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref throttled);
                    var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("503 without Retry-After");
                    retryAfterSeen.Add(retryAfter.TotalSeconds.ToString());
                    await Task.Delay(TimeSpan.FromMilliseconds(200), ct); // Honour it loosely: the test is bounded in time.
                    continue;
                }

                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
                Interlocked.Add(ref acceptedItems, result.GetProperty("accepted").GetInt32() + result.GetProperty("rejected").GetInt32());
                return;
            }
        });

        await lake.AllWrittenAsync();
        watching.Cancel();
        await watcher;

        Assert.True(throttled > 0, "the flood should have been throttled");
        Assert.All(retryAfterSeen, seconds => Assert.True(double.Parse(seconds) >= 1));
        Assert.InRange(maxBuffered, 1, MaxBufferedRows);
        Assert.Equal(12_000, acceptedItems);
        using var query = new LakeQuery(lakePath);
        Assert.Equal(12_000L, query.Scalar<long>("SELECT count(*) FROM bronze"));
        Assert.Equal(lines.Order(StringComparer.Ordinal), query.Rows("SELECT payload FROM bronze").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.Equal(12_000L, query.Scalar<long>("SELECT (SELECT count(*) FROM silver) + (SELECT count(*) FROM quarantine) + (SELECT count(*) FROM dropped_duplicates)"));
    }
}
