namespace MHA.Grains;

/// <summary>Sizes shared by everything that publishes on the event streams.</summary>
public static class EventIngestorLimits
{
    /// <summary>Largest number of events in one stream item.</summary>
    public const int MaxBatchSize = 1000;
}
