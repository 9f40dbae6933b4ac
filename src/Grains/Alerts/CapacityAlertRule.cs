namespace MHA.Grains.Alerts;

/// <summary>
/// Decides, from a department's successive occupancy percentages, when its capacity alerts are raised and resolved.
/// Each level (HIGH at 85%, CRITICAL at 95% by default) has hysteresis: raised at its threshold, resolved only below
/// threshold − margin, so a number flickering around a threshold pages once. The margin is at least one bed's share
/// (5% of a 20-bed unit): otherwise one patient admitted and discharged in turn would page every time. The first reading after a start resolves
/// levels it is clearly below (an alert left active before a restart) and raises those it is at or above.
/// </summary>
public sealed class CapacityAlertRule(CapacityAlertOptions options)
{
    private readonly CapacityLevel[] _levels =
    [
        new(AlertKinds.CapacityHigh, "high", AlertSeverity.Warning, options.HighPct, options.HighPct - options.ClearMarginPct),
        new(AlertKinds.CapacityCritical, "critical", AlertSeverity.Critical, options.CriticalPct, options.CriticalPct - options.ClearMarginPct),
    ];

    private readonly bool?[] _raised = new bool?[2];

    /// <summary>What changes with this reading: levels to raise and levels to resolve.</summary>
    public CapacityDecision Evaluate(double occupancyPct, int staffedBeds = 0)
    {
        var oneBed = staffedBeds > 0 ? 100.0 / staffedBeds : 0;
        List<CapacityLevel> raise = [], resolve = [];
        for (var i = 0; i < _levels.Length; i++)
        {
            var level = _levels[i];
            if (occupancyPct >= level.RaisePct && _raised[i] != true)
            {
                _raised[i] = true;
                raise.Add(level);
            }
            else if (occupancyPct < Math.Min(level.ClearBelowPct, level.RaisePct - oneBed) && _raised[i] != false)
            {
                _raised[i] = false;
                resolve.Add(level);
            }
        }

        return new CapacityDecision(raise, resolve);
    }

    /// <summary>The alert key of a department's level: <c>capacity/{hospital}/{department}/{level}</c>.</summary>
    public static string KeyOf(int hospitalId, string department, CapacityLevel level) => $"capacity/{hospitalId}/{department}/{level.Name}";
}
