namespace MHA.Grains.Contracts;

/// <summary>A department's numbers and its beds, as its hospital sends them after a change.</summary>
[GenerateSerializer, Immutable]
public sealed record DepartmentState(
    [property: Id(0)] DepartmentOccupancy Occupancy,
    [property: Id(1)] IReadOnlyList<BedOccupant> Beds);
