using System.Text;
using MHA.Grains.Catalog;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using MHA.Grains.Security;
using MHA.Producer.Simulation;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Feed;

/// <summary>
/// Runs the producer's traffic simulation inside the silo, in (scaled) real time, and sends its events through the
/// same ingest path as HTTP, so a newcomer sees a live board within seconds of <c>dotnet run</c>.
/// </summary>
public sealed class SimulatedFeedService(
    EventIngestor ingestor,
    HospitalCatalog catalog,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    IOptions<SimulatedFeedOptions> options,
    ILogger<SimulatedFeedService> logger) : BackgroundService
{
    private const int MaxBatch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = options.Value;
        if (!feed.Enabled) return;

        await WaitForStartAsync(stoppingToken);
        var traffic = new TrafficOptions
        {
            Seed = feed.Seed ?? Random.Shared.Next(),
            Start = time.GetUtcNow(),
            TimeScale = feed.TimeScale,
            InitialOccupancy = feed.InitialOccupancy,
            Dirty = DirtyDataRates.Default.Scale(feed.DirtyFactor),
        };
        logger.LogInformation("Simulated feed started (time scale {TimeScale}x, dirty factor {DirtyFactor})", feed.TimeScale, feed.DirtyFactor);

        var batch = new List<ReceivedItem>(MaxBatch);
        var sequence = 0L;
        using var events = new AdtTrafficGenerator(catalog, traffic).GetEnumerator();
        while (!stoppingToken.IsCancellationRequested && events.MoveNext())
        {
            var next = events.Current;
            var wait = next.EventTime - time.GetUtcNow();
            if ((wait > TimeSpan.Zero || batch.Count >= MaxBatch) && batch.Count > 0)
            {
                await SendAsync(batch, ++sequence, stoppingToken);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            batch.Add(new ReceivedItem(batch.Count, Encoding.UTF8.GetBytes(next.Json)));
        }
    }

    private async Task SendAsync(List<ReceivedItem> batch, long sequence, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await ingestor.IngestAsync(batch.ToArray(), new IngestSource("simulated-feed", $"feed-{sequence}"), stoppingToken);
                break;
            }
            catch (IngestThrottledException throttled)
            {
                // The lake is behind: wait, like any sender honouring Retry-After, and send the same batch again.
                await Task.Delay(throttled.RetryAfter, time, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(new RedactedException(ex), "Simulated feed could not ingest a batch of {Count} events", batch.Count);
                break;
            }
        }

        batch.Clear();
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
