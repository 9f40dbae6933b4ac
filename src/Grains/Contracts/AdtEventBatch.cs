namespace MHA.Grains.Contracts;

/// <summary>The item on a hospital's event stream: events of that hospital in the order received.</summary>
[GenerateSerializer, Immutable]
public sealed record AdtEventBatch([property: Id(0)] IReadOnlyList<AdtEvent> Events);
