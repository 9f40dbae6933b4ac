namespace MHA.Grains.Contracts;

/// <summary>A department's live numbers as the board shows them.</summary>
[GenerateSerializer, Immutable]
public sealed record DepartmentOccupancy(
    [property: Id(0)] int HospitalId,
    [property: Id(1)] string HospitalName,
    [property: Id(2)] string Department,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int StaffedBeds,
    [property: Id(5)] int Occupied,
    [property: Id(6)] int Available,
    [property: Id(7)] double OccupancyPct,
    [property: Id(8)] int AdmissionsLastHour,
    [property: Id(9)] int DischargesLastHour,
    [property: Id(10)] DateTimeOffset UpdatedAt);
