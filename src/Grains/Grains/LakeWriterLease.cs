namespace MHA.Grains.Grains;

/// <summary>A silo's hold on a lake writer id.</summary>
[GenerateSerializer, Immutable]
public sealed record LakeWriterLease([property: Id(0)] string Silo, [property: Id(1)] DateTimeOffset ExpiresAt);
