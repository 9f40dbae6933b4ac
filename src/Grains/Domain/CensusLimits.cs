namespace MHA.Grains.Domain;

/// <summary>Memory bounds of a hospital census: how many event ids and departed patients it remembers.</summary>
public sealed record CensusLimits(int RememberedEventIds, int RememberedDepartedPatients)
{
    public static CensusLimits Default { get; } = new(200_000, 100_000);
}
