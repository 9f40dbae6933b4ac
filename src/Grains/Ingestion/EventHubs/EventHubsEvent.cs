namespace MHA.Grains.Ingestion.EventHubs;

/// <summary>
/// One event as read from Event Hubs: its exact body bytes (Bronze keeps them byte for byte) and where it sits in the
/// hub (partition, sequence number, offset, enqueued time), which makes redeliveries recognisable.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EventHubsEvent(
    [property: Id(0)] string Partition,
    [property: Id(1)] long SequenceNumber,
    [property: Id(2)] string Offset,
    [property: Id(3)] DateTimeOffset EnqueuedTime,
    [property: Id(4)] byte[] Body);
