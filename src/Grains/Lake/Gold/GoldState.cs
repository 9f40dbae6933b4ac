namespace MHA.Grains.Lake.Gold;

/// <summary>
/// What Gold remembers of one hospital between refreshes: its stays (also by admission day), its bed segments per
/// department, and which partitions the last replay touched. One per hospital, so hospitals replay side by side.
/// </summary>
public sealed class GoldState
{
    /// <summary>The hospital's stays by stay id (the id of the event that opened the stay).</summary>
    public Dictionary<string, Stay> Stays { get; } = new(StringComparer.Ordinal);

    /// <summary>The segment each stay is in now, by stay id.</summary>
    public Dictionary<string, BedSegment> OpenSegments { get; } = new(StringComparer.Ordinal);

    /// <summary>Every bed segment, by department, in the order they began to be recorded.</summary>
    public Dictionary<string, List<BedSegment>> Segments { get; } = new(StringComparer.Ordinal);

    /// <summary>The stays admitted on each day (a fact_admission partition's rows).</summary>
    public Dictionary<DateOnly, List<Stay>> StaysByAdmissionDate { get; } = [];

    public DateTimeOffset? EarliestAdmission { get; private set; }

    public HashSet<DateOnly> ChangedAdmissionDates { get; } = [];

    public DateTimeOffset? OccupancyChangedFrom { get; private set; }

    public void Add(Stay stay)
    {
        Stays[stay.StayId] = stay;
        if (!StaysByAdmissionDate.TryGetValue(stay.AdmissionDate, out var sameDay)) StaysByAdmissionDate[stay.AdmissionDate] = sameDay = [];
        sameDay.Add(stay);
        if (EarliestAdmission is null || stay.AdmissionTime < EarliestAdmission) EarliestAdmission = stay.AdmissionTime;
    }

    public void Add(BedSegment segment)
    {
        if (!Segments.TryGetValue(segment.Department, out var department)) Segments[segment.Department] = department = [];
        department.Add(segment);
    }

    public void MarkChanged(Stay stay) => ChangedAdmissionDates.Add(stay.AdmissionDate);

    public void MarkOccupancyChanged(DateTimeOffset from)
    {
        if (OccupancyChangedFrom is null || from < OccupancyChangedFrom) OccupancyChangedFrom = from;
    }

    public void ClearChanges()
    {
        ChangedAdmissionDates.Clear();
        OccupancyChangedFrom = null;
    }
}
