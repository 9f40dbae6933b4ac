namespace MHA.Grains.Lake.Gold;

/// <summary>What Gold remembers between refreshes: stays, bed segments, and which partitions the last replay touched.</summary>
public sealed class GoldState
{
    public Dictionary<string, Stay> Stays { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, BedSegment> OpenSegments { get; } = new(StringComparer.Ordinal);

    public List<BedSegment> Segments { get; } = [];

    public HashSet<DateOnly> ChangedAdmissionDates { get; } = [];

    public DateTimeOffset? OccupancyChangedFrom { get; private set; }

    public static string StayKey(int hospitalId, string stayId) => $"{hospitalId}/{stayId}";

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
