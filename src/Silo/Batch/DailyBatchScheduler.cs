using MHA.Grains.Grains;

namespace MHA.Silo.Batch;

/// <summary>Makes sure the daily batch reminder exists once the silo runs (registering it again only moves it to <c>Batch:DailyAt</c>).</summary>
public sealed class DailyBatchScheduler(IGrainFactory grains, TimeProvider time, ILogger<DailyBatchScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = await grains.GetGrain<IDailyBatchGrain>(0).EnsureScheduledAsync();
                logger.LogInformation("Daily EHR batch scheduled, next run {Next:O}", next);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Daily EHR batch could not be scheduled yet: {Error}", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }
    }
}
