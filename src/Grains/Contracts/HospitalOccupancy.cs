namespace MHA.Grains.Contracts;

/// <summary>A hospital's totals and its departments, taken in one consistent snapshot.</summary>
[GenerateSerializer, Immutable]
public sealed record HospitalOccupancy(
    [property: Id(0)] int HospitalId,
    [property: Id(1)] string HospitalName,
    [property: Id(2)] int Capacity,
    [property: Id(3)] int Occupied,
    [property: Id(4)] int Available,
    [property: Id(5)] double OccupancyPct,
    [property: Id(6)] int AdmissionsLastHour,
    [property: Id(7)] int DischargesLastHour,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] IReadOnlyList<DepartmentOccupancy> Departments)
{
    public static HospitalOccupancy Sum(int hospitalId, string hospitalName, IReadOnlyList<DepartmentOccupancy> departments)
    {
        var capacity = departments.Sum(d => d.StaffedBeds);
        var occupied = departments.Sum(d => d.Occupied);
        return new HospitalOccupancy(
            hospitalId,
            hospitalName,
            capacity,
            occupied,
            departments.Sum(d => d.Available),
            OccupancyMath.Percent(occupied, capacity),
            departments.Sum(d => d.AdmissionsLastHour),
            departments.Sum(d => d.DischargesLastHour),
            departments.Count == 0 ? DateTimeOffset.MinValue : departments.Max(d => d.UpdatedAt),
            departments);
    }
}
