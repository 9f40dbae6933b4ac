using MHA.Grains.Lake;
using MHA.Grains.Security;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>
/// Flushes the lake writer every <c>Lake:FlushInterval</c>, sooner when <c>Lake:FlushMaxRows</c> are buffered, and at
/// once when someone waits for a commit (<see cref="LakeWriter.CommitAsync"/>); flushes everything on a graceful stop.
/// </summary>
public sealed class LakeFlushService(LakeWriter lake, TimeProvider time, IOptions<LakeOptions> options, ILogger<LakeFlushService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastFlush = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            bool commitRequested;
            try
            {
                commitRequested = await lake.WaitForCommitRequestAsync(Tick, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var due = time.GetUtcNow() - lastFlush >= options.Value.FlushInterval;
            if (!due && !commitRequested && lake.BufferedRows < options.Value.FlushMaxRows) continue;
            try
            {
                await lake.FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Lake flush failed, rows stay buffered for the next attempt: {Error}", RedactedText.Of(ex));
            }

            lastFlush = time.GetUtcNow();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await lake.FlushAsync(CancellationToken.None);
    }
}
