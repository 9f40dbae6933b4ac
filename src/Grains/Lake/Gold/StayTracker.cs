using MHA.Grains.Domain;

namespace MHA.Grains.Lake.Gold;

/// <summary>
/// Listens to one hospital's census while Gold replays Silver, and turns its bed moves into stays and bed segments,
/// so Gold's stays follow exactly the rules that drive the board.
/// </summary>
public sealed class StayTracker(int hospitalId, GoldState state) : ICensusListener
{
    public void Occupied(string patientId, string stayId, string department, string bedId, DateTimeOffset since)
    {
        var key = GoldState.StayKey(hospitalId, stayId);
        if (state.Stays.TryGetValue(key, out var stay))
        {
            stay.Transfers++;
            stay.CurrentDepartment = department;
            stay.BedId = bedId;
        }
        else
        {
            stay = new Stay(stayId, hospitalId, patientId, department, bedId, since);
            state.Stays[key] = stay;
        }

        state.MarkChanged(stay);
        var segment = new BedSegment(hospitalId, department, since, startsStay: stay.Transfers == 0);
        state.OpenSegments[key] = segment;
        state.Segments.Add(segment);
        state.MarkOccupancyChanged(since);
    }

    public void Vacated(string patientId, string stayId, string department, string bedId, DateTimeOffset at, StayEnd end)
    {
        var key = GoldState.StayKey(hospitalId, stayId);
        if (state.OpenSegments.Remove(key, out var segment))
        {
            segment.End = at < segment.Start ? segment.Start : at;
            segment.EndsStay = end != StayEnd.Transfer;
            state.MarkOccupancyChanged(segment.Start);
        }

        if (end != StayEnd.Transfer && state.Stays.TryGetValue(key, out var stay))
        {
            stay.DischargeTime = at;
            stay.EndReason = end.ToString().ToLowerInvariant();
            state.MarkChanged(stay);
        }
    }
}
