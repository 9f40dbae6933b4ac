using MHA.Grains.Catalog;

namespace MHA.Producer.Simulation;

/// <summary>
/// The beds of one department of one hospital: which are free, and the rate at which new patients arrive.
/// Beds are numbered 1..Capacity, as <see cref="DepartmentInfo.BedId"/> expects.
/// </summary>
internal sealed class DepartmentWard
{
    private readonly List<int> _freeBeds;

    public DepartmentWard(int index, DepartmentInfo info, int hospitalBedOffset)
    {
        Index = index;
        Info = info;
        HospitalBedOffset = hospitalBedOffset;
        Profile = DepartmentProfile.For(info.Department);
        _freeBeds = Enumerable.Range(1, info.Capacity).ToList();
    }

    public int Index { get; }

    public DepartmentInfo Info { get; }

    public DepartmentProfile Profile { get; }

    /// <summary>Beds of the hospital's earlier departments; the legacy shape numbers beds across the hospital.</summary>
    public int HospitalBedOffset { get; }

    /// <summary>Arrivals per simulated hour outside surges (before time scaling).</summary>
    public double BaseArrivalsPerHour { get; set; }

    public int Occupied => Info.Capacity - _freeBeds.Count;

    public bool HasFreeBed => _freeBeds.Count > 0;

    /// <summary>Occupied share of staffed beds, the KPI the board shows.</summary>
    public double Occupancy => (double)Occupied / Math.Max(1, Info.StaffedBeds);

    /// <summary>Takes a random free bed (real wards do not fill beds in number order) and returns its number.</summary>
    public int TakeBed(Random random)
    {
        var slot = random.Next(_freeBeds.Count);
        var bed = _freeBeds[slot];
        _freeBeds[slot] = _freeBeds[^1];
        _freeBeds.RemoveAt(_freeBeds.Count - 1);
        return bed;
    }

    public void FreeBed(int bedNumber) => _freeBeds.Add(bedNumber);
}
