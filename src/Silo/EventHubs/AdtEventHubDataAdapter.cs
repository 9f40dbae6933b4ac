using Azure.Messaging.EventHubs;
using MHA.Grains.Ingestion.EventHubs;
using MHA.Grains.Streaming;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace MHA.Silo.EventHubs;

/// <summary>
/// Turns Event Hubs events sent by external producers (JSON bodies of either shape, no Orleans properties) into
/// stream items: routed by the body's <c>hospital_id</c> (no readable hospital: <see cref="EventHubsStreams.UnroutedKey"/>,
/// so nothing is dropped) to that hospital's stream of the partition the event was read from, carrying the body bytes
/// exactly plus partition, sequence number, offset and enqueued time. Partition key and properties are ignored.
/// </summary>
public sealed class AdtEventHubDataAdapter(Serializer serializer) : EventHubDataAdapter(serializer)
{
    /// <summary>The stream an event read from <paramref name="partition"/> travels on.</summary>
    public static StreamId GetStreamIdentity(string partition, EventData queueMessage) =>
        EventHubsStreams.For(HospitalIdReader.TryRead(queueMessage.Body.Span, out var hospitalId) ? hospitalId : EventHubsStreams.UnroutedKey, partition);

    /// <summary>Routing needs the partition the event was read from (<see cref="GetStreamPosition"/> has it).</summary>
    public override StreamId GetStreamIdentity(EventData queueMessage) =>
        throw new NotSupportedException("Event Hubs ingest streams are per partition: use GetStreamPosition(partition, event).");

    public override StreamPosition GetStreamPosition(string partition, EventData queueMessage) =>
        new(GetStreamIdentity(partition, queueMessage), new EventHubSequenceTokenV2(queueMessage.OffsetString, queueMessage.SequenceNumber, 0));

    public override CachedMessage FromQueueMessage(StreamPosition streamPosition, EventData queueMessage, DateTime dequeueTime, Func<int, ArraySegment<byte>> getSegment)
    {
        // Segment: the offset first (where EventHubDataAdapter.GetOffset reads it for checkpoints), then the body.
        var offset = queueMessage.OffsetString;
        var body = queueMessage.Body.Span;
        var segment = getSegment(SegmentBuilder.CalculateAppendSize(offset) + SegmentBuilder.CalculateAppendSize(body));
        var writeOffset = 0;
        SegmentBuilder.Append(segment, ref writeOffset, offset);
        SegmentBuilder.Append(segment, ref writeOffset, body);
        return new CachedMessage
        {
            StreamId = streamPosition.StreamId,
            SequenceNumber = queueMessage.SequenceNumber,
            EventIndex = streamPosition.SequenceToken.EventIndex,
            EnqueueTimeUtc = queueMessage.EnqueuedTime.UtcDateTime,
            DequeueTimeUtc = dequeueTime,
            Segment = segment,
        };
    }

    public override IBatchContainer GetBatchContainer(ref CachedMessage cachedMessage)
    {
        var readOffset = 0;
        var offset = SegmentBuilder.ReadNextString(cachedMessage.Segment, ref readOffset) ?? "";
        var body = SegmentBuilder.ReadNextBytes(cachedMessage.Segment, ref readOffset).ToArray();
        EventHubsStreams.TryParse(cachedMessage.StreamId, out _, out var partition);
        var received = new EventHubsEvent(partition, cachedMessage.SequenceNumber, offset,
            new DateTimeOffset(DateTime.SpecifyKind(cachedMessage.EnqueueTimeUtc, DateTimeKind.Utc)), body);
        return new EventHubsBatchContainer(cachedMessage.StreamId, new EventHubSequenceTokenV2(offset, cachedMessage.SequenceNumber, 0), received);
    }

    /// <summary>The ingest streams are read-only: producers send JSON to the hub, never through Orleans.</summary>
    public override EventData ToQueueMessage<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException("The Event Hubs ingest stream is read-only: send JSON events to the hub.");
}
