namespace MHA.Grains.Contracts;

/// <summary>An event that could not be applied as written (kinds listed in docs/events.md). Carries no patient id.</summary>
[GenerateSerializer, Immutable]
public sealed record OccupancyAnomaly(
    [property: Id(0)] string Kind,
    [property: Id(1)] string EventId,
    [property: Id(2)] string? Department,
    [property: Id(3)] DateTimeOffset EventTime);
