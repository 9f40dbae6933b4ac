using MHA.Grains.Domain;

namespace MHA.Grains.Lake.Gold;

/// <summary>
/// Listens to one hospital's census while Gold replays Silver, and turns its bed moves into stays and bed segments
/// (in the hospital's <see cref="GoldState"/>), so Gold's stays follow exactly the rules that drive the board.
/// </summary>
public sealed class StayTracker(int hospitalId, GoldState state) : ICensusListener
{
    public void Occupied(string patientId, string stayId, string department, string bedId, DateTimeOffset since)
    {
        if (state.Stays.TryGetValue(stayId, out var stay))
        {
            stay.Transfers++;
            stay.CurrentDepartment = department;
            stay.BedId = bedId;
        }
        else
        {
            stay = new Stay(stayId, hospitalId, patientId, department, bedId, since);
            state.Add(stay);
        }

        state.MarkChanged(stay);
        var segment = new BedSegment(hospitalId, department, since, startsStay: stay.Transfers == 0);
        state.OpenSegments[stayId] = segment;
        state.Add(segment);
        state.MarkOccupancyChanged(since);
    }

    public void Vacated(string patientId, string stayId, string department, string bedId, DateTimeOffset at, StayEnd end)
    {
        if (state.OpenSegments.Remove(stayId, out var segment))
        {
            segment.End = at < segment.Start ? segment.Start : at;
            segment.EndsStay = end != StayEnd.Transfer;
            state.MarkOccupancyChanged(segment.Start);
        }

        if (end != StayEnd.Transfer && state.Stays.TryGetValue(stayId, out var stay))
        {
            stay.DischargeTime = at;
            stay.EndReason = EndReason(end);
            state.MarkChanged(stay);
        }
    }

    /// <summary>fact_admission.end_reason: the <see cref="StayEnd"/> in lower case.</summary>
    private static string EndReason(StayEnd end) => end switch
    {
        StayEnd.Discharge => "discharge",
        StayEnd.Displaced => "displaced",
        StayEnd.Readmitted => "readmitted",
        _ => end.ToString().ToLowerInvariant(),
    };
}
