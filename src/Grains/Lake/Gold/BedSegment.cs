namespace MHA.Grains.Lake.Gold;

/// <summary>A patient in a department's bed from <see cref="Start"/> until <see cref="End"/> (open while still there).</summary>
public sealed class BedSegment(int hospitalId, string department, DateTimeOffset start, bool startsStay)
{
    public int HospitalId { get; } = hospitalId;
    public string Department { get; } = department;
    public DateTimeOffset Start { get; } = start;
    public bool StartsStay { get; } = startsStay;
    public DateTimeOffset? End { get; set; }
    public bool EndsStay { get; set; }
}
