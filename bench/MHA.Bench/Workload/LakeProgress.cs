using MHA.Grains.Lake;

namespace MHA.Bench.Workload;

/// <summary>Waits until the hospitals have applied (Silver) or dropped (duplicates) a number of events and every row is on disk.</summary>
public static class LakeProgress
{
    public static long Placed(LakeWriter lake) => lake.Statistics.SilverRows + lake.Statistics.DroppedDuplicates;

    public static async Task WaitForPlacedAsync(LakeWriter lake, long placed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Placed(lake) < placed || lake.BufferedRows > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {Placed(lake)} of {placed} events reached Silver (or were dropped as duplicates) within {timeout.TotalSeconds:0} s; {lake.BufferedRows} rows buffered.");
            }

            // Rows in the buffer are written by the flush service; asking for a commit wakes it.
            if (lake.BufferedRows > 0) _ = lake.CommitAsync(cancellationToken);
            await Task.Delay(5, cancellationToken);
        }
    }
}
