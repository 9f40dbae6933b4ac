using MHA.Grains.Batch;
using MHA.Grains.Pipeline;
using MHA.Grains.Security;
using MHA.Silo.Lake;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Batch;

/// <summary>
/// Looks at the landing zone every <c>Batch:PollInterval</c>: applies a changed department metadata file (every silo, each
/// keeps its own catalog) and ingests new EHR extracts as soon as they land (only the silo holding the lake maintenance
/// lease, so one silo reads a file).
/// </summary>
public sealed class LandingZoneWatcher(
    EhrBatchProcessor batches,
    DepartmentMetadataSync metadata,
    LakeMaintenanceLease lease,
    PipelineMonitor monitor,
    TimeProvider time,
    IOptions<BatchOptions> options,
    ILogger<LandingZoneWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        if (interval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            monitor.Scheduled(PipelineJobs.EhrBatchWatcher, time.GetUtcNow() + interval);
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await metadata.SyncAsync(stoppingToken);
                if (await lease.IsHeldAsync()) await batches.RunAsync("watcher", stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Landing zone sweep failed, will try again: {Error}", RedactedText.Of(ex));
            }
        }
    }
}
