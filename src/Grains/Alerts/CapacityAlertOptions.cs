namespace MHA.Grains.Alerts;

/// <summary>Department occupancy thresholds of the capacity alerts, and how far below a threshold it must fall to clear.</summary>
public sealed class CapacityAlertOptions
{
    public double HighPct { get; set; } = 85;

    public double CriticalPct { get; set; } = 95;

    /// <summary>Hysteresis: an alert raised at a threshold clears only below threshold − margin (85 → below 83).</summary>
    public double ClearMarginPct { get; set; } = 2;
}
