using MHA.Grains.Lake;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>Runs <see cref="LakeCompactor"/> every <c>Lake:CompactionInterval</c>.</summary>
public sealed class LakeCompactionJob(LakeCompactor compactor, TimeProvider time, IOptions<LakeOptions> options, ILogger<LakeCompactionJob> logger) : BackgroundService
{
    public int Runs { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.CompactionInterval, time, stoppingToken);
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
