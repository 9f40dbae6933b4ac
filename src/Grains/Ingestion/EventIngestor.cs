using MHA.Grains.Contracts;
using MHA.Grains.Lake;
using MHA.Grains.Pipeline;
using MHA.Grains.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Ingestion;

/// <summary>
/// The one way events enter the engine (HTTP, simulated feed, batch files): reads each item, records every item in
/// Bronze and what cannot be placed in quarantine (with the reason it also answers), and publishes the rest on their
/// hospitals' streams in the order received. The hospitals then write Silver in the order they apply events.
/// In durable profiles (<see cref="LakeWriter.CommitBeforeAcknowledge"/>) an item is published, and the request
/// answered, only once its Bronze row is written; requests waiting for the same write share it and still publish in
/// the order they were received.
/// </summary>
public sealed class EventIngestor(IClusterClient client, AdtEventParser parser, TimeProvider time, ILogger<EventIngestor> logger, LakeWriter? lake = null,
    PipelineMonitor? monitor = null, IOptions<EngineOptions>? options = null)
{
    private readonly SemaphoreSlim _order = new(1, 1);
    private Task _lastPublished = Task.CompletedTask;

    /// <param name="receivedAt">When the items were received: now, unless they are replayed from Bronze (their original time, so they are cleaned alike).</param>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<ReceivedItem> items, IngestSource source, CancellationToken cancellationToken = default,
        DateTimeOffset? receivedAt = null)
    {
        var at = receivedAt ?? time.GetUtcNow();
        var results = new EventParseResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            results[i] = item.FramingError is null ? parser.Parse(item.Payload.Span, at) : EventParseResult.Reject(item.FramingError);
        }

        if (lake is not null) await lake.WhenReady.WaitAsync(cancellationToken);
        var errors = new List<RejectedItem>();
        var accepted = 0;
        Task previousPublished;
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _order.WaitAsync(cancellationToken);
        try
        {
            if (lake is not null)
            {
                if (!lake.HasRoomFor(items.Count, out var retryAfter)) throw new IngestThrottledException(retryAfter);
                results = lake.AppendReceived(items, results, source, at);
            }

            previousPublished = _lastPublished;
            _lastPublished = published.Task;
        }
        finally
        {
            _order.Release();
        }

        try
        {
            // Not cancellable from here on: items recorded in Bronze are published even if the sender has gone.
            if (lake is { CommitBeforeAcknowledge: true }) await lake.CommitAsync(CancellationToken.None);
            await previousPublished;

            var byHospital = new Dictionary<int, List<AdtEvent>>();
            for (var i = 0; i < items.Count; i++)
            {
                if (results[i].Event is { } e)
                {
                    if (!byHospital.TryGetValue(e.HospitalId, out var list)) byHospital[e.HospitalId] = list = [];
                    list.Add(lake is null ? e with { Source = source.Kind, SourceRef = source.Reference } : e);
                }
                else
                {
                    errors.Add(new RejectedItem(items[i].Index, results[i].RejectReason!, results[i].EventId));
                }
            }

            // Hospitals side by side (a request spread over hundreds of hospitals is hundreds of stream items); each
            // hospital's items in order, and the next request publishes only after this one (previousPublished).
            var batchSize = Math.Clamp(options?.Value.StreamBatchSize ?? EventIngestorLimits.MaxBatchSize, 1, EventIngestorLimits.MaxBatchSize);
            await Task.WhenAll(byHospital.Select(async hospital =>
            {
                var stream = client.HospitalStream(hospital.Key);
                foreach (var chunk in hospital.Value.Chunk(batchSize))
                {
                    await stream.OnNextAsync(new AdtEventBatch(chunk));
                    Interlocked.Add(ref accepted, chunk.Length);
                }
            }));
        }
        finally
        {
            published.TrySetResult();
        }

        if (errors.Count > 0)
        {
            logger.LogInformation("Ingest {Source} {Reference}: {Accepted} accepted, {Rejected} rejected", source.Kind, source.Reference, accepted, errors.Count);
        }

        // Batch files report as their own jobs, and so does a replay from Bronze; every other source is the always-on real-time ingest.
        if (source.Kind != "batch" && receivedAt is null) monitor?.Completed(PipelineJobs.RealtimeIngest, true, $"{source.Kind}: {accepted} accepted, {errors.Count} rejected", at);
        return new IngestResult(source.Reference, accepted, errors.Count, errors);
    }
}
