namespace MHA.Silo.Feed;

/// <summary>The built-in simulated feed that makes the embedded default show a live board with zero setup.</summary>
public sealed class SimulatedFeedOptions
{
    public const string Section = "SimulatedFeed";

    /// <summary>Turn the feed off (<c>SimulatedFeed:Enabled=false</c>) when real events arrive.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How much faster than real time simulated hospital life runs (stays and arrivals are shortened by this factor).</summary>
    public double TimeScale { get; set; } = 120;

    /// <summary>Seed of the simulation; empty = a different run on every start.</summary>
    public int? Seed { get; set; }

    /// <summary>Multiplier of the default dirty-data rates (0 = clean).</summary>
    public double DirtyFactor { get; set; } = 1;

    /// <summary>Share of beds already occupied when the feed starts.</summary>
    public double InitialOccupancy { get; set; } = 0.6;
}
