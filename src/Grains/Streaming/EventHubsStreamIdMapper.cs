using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.Streams;

namespace MHA.Grains.Streaming;

/// <summary>Maps an Event Hubs ingest stream (<c>{hospitalId}/{partition}</c>) to its hospital's ingest grain (integer key = hospital id).</summary>
public sealed class EventHubsStreamIdMapper : IStreamIdMapper
{
    public IdSpan GetGrainKeyId(GrainBindings grainBindings, StreamId streamId) =>
        EventHubsStreams.TryParse(streamId, out var hospitalKey, out _)
            ? GrainIdKeyExtensions.CreateIntegerKey(hospitalKey)
            : throw new ArgumentException($"Not an Event Hubs ingest stream key: {streamId}", nameof(streamId));
}
