namespace MHA.Bench.Stages;

/// <summary>The stages of a run, in the order the table shows them.</summary>
public static class BenchStages
{
    public static IReadOnlyList<IBenchStage> All { get; } =
    [
        new FloorStage(),
        new IngestStage(),
        new LatencyStage(),
        new GoldRefreshStage(),
        new MemoryStage(),
        new ReplayStage(),
    ];
}
