using MHA.Grains.Lake;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>Waits for the lake writer: hospitals write Silver after they apply events, so tests wait for that before flushing.</summary>
public static class LakeWaits
{
    /// <summary>Every Bronze row so far has its Silver, quarantine or dropped-duplicate row.</summary>
    public static Task<LakeStatistics> AllAppliedAsync(this LakeWriter lake, TimeSpan? within = null) =>
        Eventually.ReturnsAsync(() => Task.FromResult(lake.Statistics),
            s => s.SilverRows + s.QuarantineRows + s.DroppedDuplicates == s.BronzeRows, within ?? TimeSpan.FromSeconds(60), "every received item applied by its hospital");

    /// <summary>Everything applied and written.</summary>
    public static async Task<LakeStatistics> AllWrittenAsync(this LakeWriter lake, TimeSpan? within = null)
    {
        await lake.AllAppliedAsync(within);
        return await Eventually.ReturnsAsync(() => Task.FromResult(lake.Statistics), s => s.BufferedRows == 0, within ?? TimeSpan.FromSeconds(60), "everything flushed");
    }

    /// <summary>Waits until everything received is applied, then flushes now.</summary>
    public static async Task FlushAppliedAsync(this LakeWriter lake)
    {
        await lake.AllAppliedAsync();
        await lake.FlushAsync();
    }
}
