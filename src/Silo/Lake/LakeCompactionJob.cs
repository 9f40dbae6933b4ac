using MHA.Grains.Lake;
using MHA.Grains.Pipeline;
using MHA.Grains.Security;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>Runs <see cref="LakeCompactor"/> every <c>Lake:CompactionInterval</c>, on the silo holding the lake maintenance lease only.</summary>
public sealed class LakeCompactionJob(LakeCompactor compactor, LakeMaintenanceLease lease, TimeProvider time, IOptions<LakeOptions> options, ILogger<LakeCompactionJob> logger,
    PipelineMonitor? monitor = null) : BackgroundService
{
    public int Runs { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                monitor?.Scheduled(PipelineJobs.LakeCompaction, started + options.Value.CompactionInterval);
                await Task.Delay(options.Value.CompactionInterval, time, stoppingToken);
                if (!await lease.IsHeldAsync()) continue;
                started = time.GetUtcNow();
                var merged = await compactor.CompactAsync(options.Value.CompactionMinFiles, options.Value.CompactionSmallFileBytes, stoppingToken);
                Runs++;
                monitor?.Completed(PipelineJobs.LakeCompaction, true, $"{merged} small files merged", started, time.GetUtcNow() + options.Value.CompactionInterval);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Lake compaction failed, will try again: {Error}", RedactedText.Of(ex));
                monitor?.Completed(PipelineJobs.LakeCompaction, false, RedactedText.Of(ex), started);
            }
        }
    }
}
