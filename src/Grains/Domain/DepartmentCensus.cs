using MHA.Grains.Catalog;
using MHA.Grains.Contracts;

namespace MHA.Grains.Domain;

/// <summary>One department's beds (bed → occupant) and its admission/discharge counts over the last hour.</summary>
public sealed class DepartmentCensus(DepartmentInfo info)
{
    private readonly Dictionary<string, BedOccupant> _beds = new(StringComparer.Ordinal);

    public DepartmentInfo Info { get; private set; } = info;

    /// <summary>New metadata (capacity, staffed beds) for the same department; the beds stay as they are.</summary>
    public void Reconfigure(DepartmentInfo info) =>
        Info = info.Department == Info.Department ? info : throw new ArgumentException($"Metadata of {info.Department} given to {Info.Department}.", nameof(info));

    public SlidingHourCount Admissions { get; } = new();

    public SlidingHourCount Discharges { get; } = new();

    public DateTimeOffset UpdatedAt { get; set; }

    public int Occupied => _beds.Count;

    public IReadOnlyCollection<BedOccupant> Beds => _beds.Values;

    public bool TryGetOccupant(string bedId, out BedOccupant occupant) => _beds.TryGetValue(bedId, out occupant!);

    public void Occupy(BedOccupant occupant) => _beds[occupant.BedId] = occupant;

    public bool Vacate(string bedId) => _beds.Remove(bedId);

    public DepartmentOccupancy Snapshot(DateTimeOffset now) => new(
        Info.HospitalId,
        Info.HospitalName,
        Info.Department,
        Info.Capacity,
        Info.StaffedBeds,
        Occupied,
        Math.Max(0, Info.StaffedBeds - Occupied),
        OccupancyMath.Percent(Occupied, Info.StaffedBeds),
        Admissions.Count(now),
        Discharges.Count(now),
        UpdatedAt);
}
