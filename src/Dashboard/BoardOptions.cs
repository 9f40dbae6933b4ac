namespace MHA.Dashboard;

/// <summary>What the board shows: colour thresholds and when data counts as stale.</summary>
public sealed class BoardOptions
{
    public const string Section = "Board";

    /// <summary>Occupancy at or above which a department turns amber (risk rises above 85%: Bagust et al., BMJ 1999).</summary>
    public double AmberThresholdPct { get; set; } = 85;

    /// <summary>Occupancy at or above which a department turns red.</summary>
    public double RedThresholdPct { get; set; } = 95;

    /// <summary>Seconds without any update after which the board shows its data as stale.</summary>
    public int StaleAfterSeconds { get; set; } = 30;
}
