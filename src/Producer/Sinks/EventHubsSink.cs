using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using MHA.Producer.Simulation;

namespace MHA.Producer.Sinks;

/// <summary>
/// Sends events to Azure Event Hubs as plain JSON bodies, partition key = hospital id so one hospital's events stay
/// in order in one partition. Nothing else is needed: the engine routes by the body's <c>hospital_id</c>, as it must for
/// the original producer, which sends bodies only (docs/eventhubs.md).
/// </summary>
internal sealed class EventHubsSink(EventHubProducerClient client) : IEventSink
{
    public async Task SendAsync(IReadOnlyList<GeneratedEvent> batch, CancellationToken cancellationToken)
    {
        // Grouping keeps each hospital's events in their original order inside its partition.
        foreach (var hospital in batch.GroupBy(e => PartitionKeyOf(e)))
        {
            var options = new CreateBatchOptions { PartitionKey = hospital.Key };
            var pending = await client.CreateBatchAsync(options, cancellationToken);
            try
            {
                foreach (var e in hospital)
                {
                    var data = ToEventData(e);
                    if (pending.TryAdd(data))
                    {
                        continue;
                    }

                    if (pending.Count == 0)
                    {
                        throw new SinkFailedException("An event is larger than the largest Event Hubs batch.");
                    }

                    await client.SendAsync(pending, cancellationToken);
                    pending.Dispose();
                    pending = await client.CreateBatchAsync(options, cancellationToken);
                    if (!pending.TryAdd(data))
                    {
                        throw new SinkFailedException("An event is larger than the largest Event Hubs batch.");
                    }
                }

                if (pending.Count > 0)
                {
                    await client.SendAsync(pending, cancellationToken);
                }
            }
            finally
            {
                pending.Dispose();
            }
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    /// <summary>The hospital id as written in the event, even an invalid one, so bad data lands where the engine expects it.</summary>
    internal static string PartitionKeyOf(GeneratedEvent e) => e.HospitalId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static EventData ToEventData(GeneratedEvent e) => new(BinaryData.FromString(e.Json)) { ContentType = "application/json" };
}
