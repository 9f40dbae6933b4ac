using MHA.Grains.Contracts;
using MHA.Grains.Streaming;
using Microsoft.Extensions.Logging;

namespace MHA.Grains.Ingestion;

/// <summary>
/// The one way events enter the engine (HTTP, simulated feed, batch files): reads each item, rejects what cannot be
/// placed with a reason, and publishes the rest on their hospitals' streams in the order received.
/// </summary>
public sealed class EventIngestor(IClusterClient client, AdtEventParser parser, TimeProvider time, ILogger<EventIngestor> logger)
{
    /// <summary>Largest number of events in one stream item.</summary>
    public const int MaxBatchSize = 1000;

    public async Task<IngestResult> IngestAsync(IReadOnlyList<ReceivedItem> items, string requestId, CancellationToken cancellationToken = default)
    {
        var receivedAt = time.GetUtcNow();
        var byHospital = new Dictionary<int, List<AdtEvent>>();
        var errors = new List<RejectedItem>();
        foreach (var item in items)
        {
            if (item.FramingError is not null)
            {
                errors.Add(new RejectedItem(item.Index, item.FramingError, null));
                continue;
            }

            var result = parser.Parse(item.Payload.Span, receivedAt);
            if (result.Event is { } e)
            {
                if (!byHospital.TryGetValue(e.HospitalId, out var list))
                {
                    byHospital[e.HospitalId] = list = [];
                }

                list.Add(e);
            }
            else
            {
                errors.Add(new RejectedItem(item.Index, result.RejectReason!, result.EventId));
            }
        }

        var accepted = 0;
        foreach (var (hospitalId, events) in byHospital)
        {
            var stream = client.HospitalStream(hospitalId);
            foreach (var chunk in events.Chunk(MaxBatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await stream.OnNextAsync(new AdtEventBatch(chunk));
                accepted += chunk.Length;
            }
        }

        if (errors.Count > 0)
        {
            logger.LogInformation("Ingest {RequestId}: {Accepted} accepted, {Rejected} rejected", requestId, accepted, errors.Count);
        }

        return new IngestResult(requestId, accepted, errors.Count, errors);
    }
}
