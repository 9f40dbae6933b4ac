namespace MHA.Grains.Contracts;

/// <summary>Every hospital of the network with network-wide totals.</summary>
public sealed record NetworkOccupancy(
    DateTimeOffset GeneratedAt,
    int Capacity,
    int Occupied,
    int Available,
    double OccupancyPct,
    IReadOnlyList<HospitalOccupancy> Hospitals)
{
    public static NetworkOccupancy Sum(DateTimeOffset generatedAt, IReadOnlyList<HospitalOccupancy> hospitals)
    {
        var capacity = hospitals.Sum(h => h.Capacity);
        var occupied = hospitals.Sum(h => h.Occupied);
        return new NetworkOccupancy(generatedAt, capacity, occupied, hospitals.Sum(h => h.Available), OccupancyMath.Percent(occupied, capacity), hospitals);
    }
}
