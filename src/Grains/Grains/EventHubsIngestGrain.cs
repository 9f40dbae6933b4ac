using MHA.Grains.Ingestion;
using MHA.Grains.Ingestion.EventHubs;
using MHA.Grains.Lake;
using MHA.Grains.Security;
using MHA.Grains.Streaming;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MHA.Grains.Grains;

/// <summary>
/// Consumes one hospital's raw Event Hubs streams (one per partition; implicit subscription, batches) and hands the bodies to the same
/// <see cref="EventIngestor"/> as HTTP, so Bronze, quarantine and Silver rules hold unchanged. Redeliveries (at or
/// below the highest sequence number already ingested from their partition, kept in persisted state written after
/// each ingest) are skipped. While the lake is behind it waits and retries: holding the delivery holds the hub.
/// Logs name partitions and sequence numbers only, never event content (PHI).
/// </summary>
[ImplicitStreamSubscription(EventHubsStreams.Namespace, EventHubsStreams.StreamIdMapperName)]
public sealed class EventHubsIngestGrain(
    EventIngestor ingestor,
    TimeProvider time,
    ILogger<EventHubsIngestGrain> logger,
    [PersistentState("eventhubs", GrainStorageNames.Occupancy)] IPersistentState<EventHubsIngestState> state)
    : Grain, IEventHubsIngestGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<EventHubsEvent>
{
    public const string SourceKind = "eventhubs";

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<EventHubsEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<EventHubsEvent>> items)
    {
        foreach (var run in EventHubsRedelivery.FreshRuns(items.Select(i => i.Item), state.State.IngestedThrough))
        {
            if (run.Redelivered > 0)
            {
                logger.LogInformation("Event Hubs key {Key} partition {Partition}: skipped {Count} redelivered events",
                    this.GetPrimaryKeyLong(), run.Partition, run.Redelivered);
                state.State.RedeliveriesSkipped += run.Redelivered;
            }

            if (run.Fresh.Count == 0)
            {
                await state.WriteStateAsync();
                continue;
            }

            var received = new ReceivedItem[run.Fresh.Count];
            for (var i = 0; i < received.Length; i++) received[i] = new ReceivedItem(i, run.Fresh[i].Body);
            await IngestAsync(received, new IngestSource(SourceKind, run.Reference));

            state.State.IngestedThrough[run.Partition] = run.Fresh[^1].SequenceNumber;
            await state.WriteStateAsync();
        }
    }

    /// <summary>Ingests, waiting out backpressure: nothing of a throttled batch was taken, so retrying cannot duplicate it.</summary>
    private async Task IngestAsync(ReceivedItem[] received, IngestSource source)
    {
        while (true)
        {
            try
            {
                await ingestor.IngestAsync(received, source);
                return;
            }
            catch (IngestThrottledException throttled)
            {
                logger.LogInformation("Event Hubs ingest {Reference} throttled by the lake; retrying in {RetryAfter}", source.Reference, throttled.RetryAfter);
                await Task.Delay(throttled.RetryAfter, time);
            }
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        logger.LogError(new RedactedException(ex), "Event Hubs stream error for key {Key}", this.GetPrimaryKeyLong());
        return Task.CompletedTask;
    }

    public Task<EventHubsIngestStatus> GetStatusAsync() =>
        Task.FromResult(new EventHubsIngestStatus(new Dictionary<string, long>(state.State.IngestedThrough, StringComparer.Ordinal), state.State.RedeliveriesSkipped));
}
