using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Quality;
using MHA.Grains.Pipeline;
using MHA.Grains.Security;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>
/// Refreshes Gold (and writes a data-quality report) by itself: as soon as <c>Lake:GoldRefreshFileThreshold</c> new Silver
/// files have landed since the last refresh (the original Data Factory rule), and at least every <c>Lake:GoldRefreshMaxInterval</c>
/// when anything new landed. Only the silo holding the lake maintenance lease refreshes (counting the files it wrote itself;
/// other silos' files are picked up by the interval).
/// </summary>
public sealed class GoldRefreshJob(
    LakeWriter lake,
    LakeMaintenanceLease lease,
    GoldStarSchemaBuilder gold,
    QualityReporter quality,
    TimeProvider time,
    IOptions<LakeOptions> options,
    ILogger<GoldRefreshJob> logger,
    PipelineMonitor? monitor = null) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private long _silverFilesAtLastRefresh;
    private DateTimeOffset _lastRefreshAt;

    public int Refreshes { get; private set; }

    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _lastRefreshAt = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Tick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var newFiles = lake.SilverFilesWritten - _silverFilesAtLastRefresh;
            var overdue = newFiles > 0 && time.GetUtcNow() - _lastRefreshAt >= options.Value.GoldRefreshMaxInterval;
            if ((newFiles >= options.Value.GoldRefreshFileThreshold || overdue) && await lease.IsHeldAsync())
            {
                await RefreshAsync(stoppingToken);
            }
        }
    }

    /// <summary>Refreshes Gold and writes a quality report now (also used by the pipeline API and tests).</summary>
    public async Task<GoldRefreshResult?> RefreshAsync(CancellationToken cancellationToken)
    {
        var filesBefore = lake.SilverFilesWritten;
        var started = time.GetUtcNow();
        try
        {
            var result = await gold.RefreshAsync(cancellationToken);
            await quality.ReportAsync(result.RefreshId, cancellationToken);
            _silverFilesAtLastRefresh = filesBefore;
            _lastRefreshAt = time.GetUtcNow();
            Refreshes++;
            LastError = null;
            monitor?.Completed(PipelineJobs.GoldRefresh, true, $"{result.SilverRowsApplied} Silver rows applied", started, _lastRefreshAt + options.Value.GoldRefreshMaxInterval);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Gold reads patient data: the message may quote it (a dictionary key, a value that did not parse).
            LastError = RedactedText.Of(ex);
            monitor?.Completed(PipelineJobs.GoldRefresh, false, LastError, started);
            logger.LogError(new RedactedException(ex), "Gold refresh failed");
            return null;
        }
    }
}
