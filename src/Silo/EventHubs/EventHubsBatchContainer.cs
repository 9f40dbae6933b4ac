using MHA.Grains.Ingestion.EventHubs;
using Orleans.Runtime;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace MHA.Silo.EventHubs;

/// <summary>
/// What the pulling agent delivers for one Event Hubs event: the raw event (body bytes as received, partition, sequence
/// number, offset, enqueued time) on its hospital's stream. The token carries the offset, so delivery progress can be
/// checkpointed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class EventHubsBatchContainer(StreamId streamId, EventHubSequenceTokenV2 token, EventHubsEvent @event) : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public EventHubSequenceTokenV2 Token { get; } = token;

    [Id(2)]
    public EventHubsEvent Event { get; } = @event;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Event is T item ? [Tuple.Create(item, (StreamSequenceToken)Token)] : [];

    public bool ImportRequestContext() => false;
}
