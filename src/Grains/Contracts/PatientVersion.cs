namespace MHA.Grains.Contracts;

/// <summary>One SCD Type 2 version of a patient's tracked attributes and its validity interval.</summary>
[GenerateSerializer, Immutable]
public sealed record PatientVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string? Gender,
    [property: Id(2)] int? Age,
    [property: Id(3)] string? InsuranceType,
    [property: Id(4)] DateTimeOffset EffectiveFrom,
    [property: Id(5)] DateTimeOffset? EffectiveTo,
    [property: Id(6)] string SourceEventId)
{
    public bool IsCurrent => EffectiveTo is null;
}
