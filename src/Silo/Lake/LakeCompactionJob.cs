using MHA.Grains.Lake;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>Runs <see cref="LakeCompactor"/> every <c>Lake:CompactionInterval</c>, on the silo holding the lake maintenance lease only.</summary>
public sealed class LakeCompactionJob(LakeCompactor compactor, LakeMaintenanceLease lease, TimeProvider time, IOptions<LakeOptions> options, ILogger<LakeCompactionJob> logger) : BackgroundService
{
    public int Runs { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.CompactionInterval, time, stoppingToken);
                if (!await lease.IsHeldAsync()) continue;
                await compactor.CompactAsync(options.Value.CompactionMinFiles, options.Value.CompactionSmallFileBytes, stoppingToken);
                Runs++;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Lake compaction failed, will try again: {Error}", ex.Message);
            }
        }
    }
}
