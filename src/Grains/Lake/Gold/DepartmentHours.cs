using MHA.Grains.Catalog;

namespace MHA.Grains.Lake.Gold;

/// <summary>
/// One department's fact_occupancy_hourly rows from its bed segments, for <see cref="Count"/> hours from
/// <see cref="From"/>: patients in a bed at the start of each hour (segments begun at or before it less those ended at
/// or before it), stays begun and ended within it, and the department's version at that hour.
/// </summary>
public sealed class DepartmentHours
{
    private readonly DepartmentInfo _department;
    private readonly IReadOnlyList<DepartmentVersion> _versions;
    private readonly int[] _occupied;
    private readonly int[] _admissions;
    private readonly int[] _discharges;

    public DepartmentHours(DepartmentInfo department, IReadOnlyList<BedSegment> segments, IReadOnlyList<DepartmentVersion> versions, DateTimeOffset from, int count)
    {
        _department = department;
        _versions = versions;
        From = from;
        _occupied = new int[count];
        _admissions = new int[count];
        _discharges = new int[count];

        var starts = new long[segments.Count];
        var ends = new List<long>(segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            starts[i] = segment.Start.UtcTicks;
            if (segment.End is { } end) ends.Add(end.UtcTicks);
            if (segment.StartsStay) AddTo(_admissions, segment.Start);
            if (segment.EndsStay && segment.End is { } ended) AddTo(_discharges, ended);
        }

        Array.Sort(starts);
        ends.Sort();
        int started = 0, left = 0;
        for (var hour = 0; hour < count; hour++)
        {
            var at = from.UtcTicks + hour * TimeSpan.TicksPerHour;
            while (started < starts.Length && starts[started] <= at) started++;
            while (left < ends.Count && ends[left] <= at) left++;
            _occupied[hour] = started - left;
        }
    }

    public DateTimeOffset From { get; }

    public int Count => _occupied.Length;

    public int HospitalId => _department.HospitalId;

    public string Department => _department.Department;

    /// <summary>The row of the <paramref name="hour"/>-th hour after <see cref="From"/>.</summary>
    public OccupancyHour Row(int hour)
    {
        var at = From.AddTicks(hour * TimeSpan.TicksPerHour);
        var version = DepartmentDimension.At(_versions, at);
        return new OccupancyHour(_department.HospitalId, _department.Department, version.DepartmentSk, at, _occupied[hour], version.StaffedBeds,
            _admissions[hour], _discharges[hour]);
    }

    /// <summary>Counts <paramref name="time"/> in its hour, when that hour is one of these.</summary>
    private void AddTo(int[] perHour, DateTimeOffset time)
    {
        var hour = (time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerHour - From.UtcTicks) / TimeSpan.TicksPerHour;
        if (hour >= 0 && hour < perHour.Length) perHour[hour]++;
    }
}
