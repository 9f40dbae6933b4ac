namespace MHA.Producer.Simulation;

/// <summary>Settings of one simulated ADT feed; the same settings always give the same events, byte for byte.</summary>
public sealed class TrafficOptions
{
    /// <summary>Seed of every random choice the simulation makes.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Event time of the first events (the census already in beds is emitted at this instant).</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Durations (stays, inter-arrivals) are divided by this, so a live demo shows days of traffic in minutes.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Share of each department's beds already occupied at <see cref="Start"/>.</summary>
    public double InitialOccupancy { get; set; } = 0.6;

    /// <summary>Occupancy each department's arrival rate is tuned to outside surges.</summary>
    public double TargetOccupancy { get; set; } = 0.8;

    /// <summary>Emit the original pipeline's 8-field event (one per admission) instead of the standard ADT shape.</summary>
    public bool Legacy { get; set; }

    /// <summary>How often each kind of dirty data is injected into the emitted JSON.</summary>
    public DirtyDataRates Dirty { get; set; } = DirtyDataRates.Default;

    /// <summary>Arrival-rate multiplier in winter months and on weekend evenings (DOMAIN.md: ×3).</summary>
    public double SurgeFactor { get; set; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is outside what the simulation can run.</summary>
    public void Validate()
    {
        if (!(TimeScale > 0) || double.IsInfinity(TimeScale))
        {
            throw new ArgumentException($"TimeScale must be a positive number, not {TimeScale}.");
        }

        if (!(InitialOccupancy >= 0 && InitialOccupancy <= 1))
        {
            throw new ArgumentException($"InitialOccupancy must be between 0 and 1, not {InitialOccupancy}.");
        }

        if (!(TargetOccupancy > 0 && TargetOccupancy <= 1))
        {
            throw new ArgumentException($"TargetOccupancy must be above 0 and at most 1, not {TargetOccupancy}.");
        }

        if (!(SurgeFactor >= 1) || double.IsInfinity(SurgeFactor))
        {
            throw new ArgumentException($"SurgeFactor must be at least 1, not {SurgeFactor}.");
        }

        ArgumentNullException.ThrowIfNull(Dirty);
        Dirty.Validate();
    }
}
