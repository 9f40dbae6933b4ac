namespace MHA.Grains.Grains;

/// <summary>The daily EHR batch run (key 0): an Orleans reminder at <c>Batch:DailyAt</c> sweeps the landing zone.</summary>
public interface IDailyBatchGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or moves) the daily reminder; returns the next run.</summary>
    Task<DateTimeOffset> EnsureScheduledAsync();
}
