namespace MHA.Grains.Contracts;

/// <summary>
/// The item on a hospital's event stream: events of that hospital in the order received. A replay batch rebuilds
/// state from Silver after a restart and is not written to the lake again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AdtEventBatch([property: Id(0)] IReadOnlyList<AdtEvent> Events, [property: Id(1)] bool IsReplay = false);
