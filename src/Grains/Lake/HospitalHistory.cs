using MHA.Grains.Lake.Gold;

namespace MHA.Grains.Lake;

/// <summary>What Silver holds of one hospital: its events in apply order, and the apply sequence numbers known to be missing for good.</summary>
public sealed record HospitalHistory(IReadOnlyList<SilverEvent> Events, IReadOnlyList<ApplyGap> Gaps)
{
    /// <summary>The highest apply sequence number used so far (0 when none).</summary>
    public long LastApplySeq => Math.Max(Events.Count == 0 ? 0 : Events[^1].ApplySeq, Gaps.Count == 0 ? 0 : Gaps.Max(g => g.To));

    /// <summary>Apply sequence numbers up to <see cref="LastApplySeq"/> with neither a Silver row nor a recorded gap, as ranges.</summary>
    public IReadOnlyList<ApplyGap> Missing()
    {
        var present = new HashSet<long>(Events.Select(e => e.ApplySeq).Where(s => s > 0));
        var missing = new List<ApplyGap>();
        long? start = null;
        for (var seq = 1L; seq <= LastApplySeq + 1; seq++)
        {
            var absent = seq <= LastApplySeq && !present.Contains(seq) && !Gaps.Any(g => g.Contains(seq));
            if (absent) start ??= seq;
            else if (start is { } from)
            {
                missing.Add(new ApplyGap(from, seq - 1));
                start = null;
            }
        }

        return missing;
    }
}
