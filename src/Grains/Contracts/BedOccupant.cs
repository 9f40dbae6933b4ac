namespace MHA.Grains.Contracts;

/// <summary>Who is in a bed and since when (bed-level detail: PHI, shown only to authorised roles).</summary>
[GenerateSerializer, Immutable]
public sealed record BedOccupant(
    [property: Id(0)] string BedId,
    [property: Id(1)] string PatientId,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] DateTimeOffset? ExpectedDischarge);
