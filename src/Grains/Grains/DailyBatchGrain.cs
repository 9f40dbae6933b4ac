using MHA.Grains.Batch;
using MHA.Grains.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Grains;

/// <summary>
/// Holds the daily reminder (durable in the local and Azure profiles: Azure Table reminders; in memory when embedded).
/// On each tick it sweeps the landing zone's EHR extracts and department metadata, whatever the watcher already took:
/// the processed manifest makes the sweep idempotent.
/// </summary>
public sealed class DailyBatchGrain(IOptions<BatchOptions> options, TimeProvider time, PipelineMonitor monitor, ILogger<DailyBatchGrain> logger)
    : Grain, IDailyBatchGrain, IRemindable
{
    public const string ReminderName = "daily-ehr-batch";

    public async Task<DateTimeOffset> EnsureScheduledAsync()
    {
        var next = NextRun(time.GetUtcNow(), options.Value.DailyAt);
        await this.RegisterOrUpdateReminder(ReminderName, next - time.GetUtcNow(), TimeSpan.FromDays(1));
        monitor.Scheduled(PipelineJobs.EhrBatchDaily, next);
        return next;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName) return;
        monitor.Scheduled(PipelineJobs.EhrBatchDaily, NextRun(time.GetUtcNow().AddMinutes(1), options.Value.DailyAt));
        try
        {
            await ServiceProvider.GetRequiredService<DepartmentMetadataSync>().SyncAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Daily batch: department metadata failed: {Error}", ex.Message);
        }

        var result = await ServiceProvider.GetRequiredService<EhrBatchProcessor>().RunAsync("daily", CancellationToken.None);
        logger.LogInformation("Daily EHR batch: {Summary}", result.Summary);
    }

    /// <summary>The first <paramref name="at"/> (UTC time of day) after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + at.ToTimeSpan();
        return today > now ? today : today.AddDays(1);
    }
}
