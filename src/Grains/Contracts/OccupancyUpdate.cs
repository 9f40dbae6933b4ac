namespace MHA.Grains.Contracts;

/// <summary>The payload of the board's <c>occupancy</c> message: the departments that changed.</summary>
[GenerateSerializer, Immutable]
public sealed record OccupancyUpdate(
    [property: Id(0)] DateTimeOffset SentAt,
    [property: Id(1)] IReadOnlyList<DepartmentOccupancy> Departments);
