using MHA.Grains.Lake;
using MHA.Grains.Lake.Replay;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Pipeline;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>
/// When <c>Replay:SourcePath</c> or <c>Replay:SourceContainer</c> is set: once the silo has started, replays that lake's
/// Bronze into this silo's lake (<see cref="BronzeReplayer"/>), so the board, Silver, quarantine and (with the next
/// refresh) Gold are rebuilt by the current rules. Refuses a target lake that already holds Bronze, and the source lake itself.
/// </summary>
public sealed class BronzeReplayService(
    IOptions<ReplayOptions> replayOptions,
    IOptions<LakeOptions> lakeOptions,
    LakeWriter lake,
    BronzeReplayer replayer,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<BronzeReplayService> logger,
    PipelineMonitor? monitor = null) : BackgroundService
{
    private readonly TaskCompletionSource<BronzeReplayResult?> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The replay's result once every Bronze row was handed to ingest (null: no replay configured, or it failed).</summary>
    public Task<BronzeReplayResult?> Completed => _completed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = replayOptions.Value;
        if (!options.Enabled)
        {
            _completed.TrySetResult(null);
            return;
        }

        var started = time.GetUtcNow();
        try
        {
            await WhenStartedAsync(stoppingToken);
            await lake.WhenReady.WaitAsync(stoppingToken);
            var source = LakeStorageFactory.Create(SourceLake(options, lakeOptions.Value));
            if ((await lake.Storage.ListAsync(LakePaths.Bronze, stoppingToken)).Count > 0)
            {
                throw new InvalidOperationException($"This silo's lake at {lake.Storage.Location} already holds Bronze: replay only into an empty lake.");
            }

            logger.LogInformation("Replaying Bronze from {Source} into {Target}", source.Location, lake.Storage.Location);
            var result = await replayer.ReplayAsync(source, options.BatchSize, stoppingToken);
            logger.LogInformation("Replayed {Rows} Bronze rows from {Files} files: {Accepted} accepted, {Rejected} quarantined, in {Seconds:0.0} s",
                result.Rows, result.Files, result.Accepted, result.Rejected, result.Elapsed.TotalSeconds);
            monitor?.Completed(PipelineJobs.BronzeReplay, true, $"{result.Rows} Bronze rows: {result.Accepted} accepted, {result.Rejected} quarantined", started);
            _completed.TrySetResult(result);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completed.TrySetResult(null);
        }
        catch (Exception ex)
        {
            logger.LogError("Bronze replay failed: {Error}", ex.Message);
            monitor?.Completed(PipelineJobs.BronzeReplay, false, ex.Message, started);
            _completed.TrySetResult(null);
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>The source lake's storage settings: a local folder, or another container of the lake's Blob account.</summary>
    private static LakeOptions SourceLake(ReplayOptions replay, LakeOptions target)
    {
        if (!string.IsNullOrWhiteSpace(replay.SourcePath))
        {
            if (target.Backend.Equals("local", StringComparison.OrdinalIgnoreCase) && Path.GetFullPath(replay.SourcePath) == Path.GetFullPath(target.LocalPath))
            {
                throw new InvalidOperationException("Replay:SourcePath is this silo's own lake: replay into a new, empty lake.");
            }

            return new LakeOptions { Backend = "Local", LocalPath = replay.SourcePath };
        }

        if (!target.Backend.Equals("blob", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Replay:SourceContainer needs the Blob lake backend (Lake:Backend=Blob): the source is a container of the same account.");
        }

        if (replay.SourceContainer == target.Container)
        {
            throw new InvalidOperationException("Replay:SourceContainer is this silo's own lake container: replay into a new, empty container.");
        }

        return new LakeOptions
        {
            Backend = "Blob",
            BlobConnectionString = target.BlobConnectionString,
            BlobAccountUrl = target.BlobAccountUrl,
            Container = replay.SourceContainer!,
        };
    }
}
