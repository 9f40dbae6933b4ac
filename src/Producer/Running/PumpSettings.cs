namespace MHA.Producer.Running;

/// <summary>How many events a run sends, how fast, and in batches of what size.</summary>
internal sealed record PumpSettings(long Count, double Rate, int BatchSize)
{
    /// <summary>A paced batch is sent once it has waited this long, so slow rates still deliver steadily.</summary>
    public TimeSpan MaxBatchAge { get; init; } = TimeSpan.FromSeconds(1);
}
