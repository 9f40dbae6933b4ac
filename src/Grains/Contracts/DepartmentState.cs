namespace MHA.Grains.Contracts;

/// <summary>
/// A department's numbers, as its hospital sends them after a change. Beds stay in the hospital's census (the bed view
/// asks the hospital): copying every occupied bed on every change cost CPU per event and memory per patient.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DepartmentState(
    [property: Id(0)] DepartmentOccupancy Occupancy);
