using System.Globalization;
using MHA.Grains.Alerts;
using MHA.Grains.Lake;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Alerts;

/// <summary>
/// Watches this silo's lake writer every <c>Alerts:MonitorInterval</c> and raises or resolves three alerts:
/// lake writes failing (after <c>Alerts:LakeWriteFailedFlushes</c> consecutive failed flushes or
/// <c>Alerts:LakeWriteFailureAfter</c> of failing; resolved by the next successful flush), data quality (quarantine
/// share of the last <c>Alerts:QualityWindowItems</c> received items above <c>Alerts:QualityQuarantinePct</c>) and
/// consumer lag (rows received but not yet written to the lake above <c>Alerts:ConsumerLagRows</c>; resolved below 80% of it).
/// </summary>
public sealed class LakeAlertMonitor(LakeWriter lake, IAlertPublisher alerts, IOptions<AlertOptions> options, TimeProvider time, ILogger<LakeAlertMonitor> logger)
    : BackgroundService
{
    // Null: not known yet, so the first look resolves an alert a previous run left active when its condition is gone.
    private bool? _lakeFailing, _qualityLow, _lagging;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var quality = new QualityRateWindow(o.QualityWindowItems);
        using var timer = new PeriodicTimer(o.MonitorInterval, time);
        do
        {
            try
            {
                await CheckLakeWritesAsync(o, stoppingToken);
                await CheckQualityAsync(o, quality, stoppingToken);
                await CheckLagAsync(o, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Lake alert check failed, trying again: {Error}", ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CheckLakeWritesAsync(AlertOptions o, CancellationToken ct)
    {
        var (count, since) = lake.FailedFlushes;
        var failing = count > 0 && (count >= o.LakeWriteFailedFlushes || time.GetUtcNow() - since >= o.LakeWriteFailureAfter);
        var key = $"lake.write/{lake.WriterId}";
        if (failing && _lakeFailing != true)
        {
            await alerts.RaiseAsync(new AlertSignal(key, AlertKinds.LakeWriteFailed, AlertSeverity.Critical,
                $"Lake writes failing on writer {lake.WriterId}: {count} failed flushes since {since:O}; rows stay buffered",
                new Dictionary<string, string>
                {
                    ["writer_id"] = lake.WriterId.ToString(CultureInfo.InvariantCulture),
                    ["failed_flushes"] = count.ToString(CultureInfo.InvariantCulture),
                    ["failing_since"] = since?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                    ["buffered_rows"] = lake.BufferedRows.ToString(CultureInfo.InvariantCulture),
                    ["last_error"] = lake.Statistics.LastFlushError ?? "",
                }), ct);
            _lakeFailing = true;
        }
        else if (count == 0 && _lakeFailing != false)
        {
            await alerts.ResolveAsync(key, ct);
            _lakeFailing = false;
        }
    }

    private async Task CheckQualityAsync(AlertOptions o, QualityRateWindow window, CancellationToken ct)
    {
        var stats = lake.Statistics;
        if (window.Observe(stats.BronzeRows, stats.QuarantineRows) is not { } pct) return;
        var key = $"data_quality/{lake.WriterId}";
        if (pct > o.QualityQuarantinePct && _qualityLow != true)
        {
            await alerts.RaiseAsync(new AlertSignal(key, AlertKinds.DataQuality, AlertSeverity.Warning,
                $"{pct:0.0}% of the last {o.QualityWindowItems} received items were quarantined (threshold {o.QualityQuarantinePct:0.#}%)",
                new Dictionary<string, string>
                {
                    ["writer_id"] = lake.WriterId.ToString(CultureInfo.InvariantCulture),
                    ["quarantine_pct"] = pct.ToString("0.0", CultureInfo.InvariantCulture),
                    ["window_items"] = o.QualityWindowItems.ToString(CultureInfo.InvariantCulture),
                }), ct);
            _qualityLow = true;
        }
        else if (pct <= o.QualityQuarantinePct && _qualityLow != false)
        {
            await alerts.ResolveAsync(key, ct);
            _qualityLow = false;
        }
    }

    private async Task CheckLagAsync(AlertOptions o, CancellationToken ct)
    {
        var buffered = lake.BufferedRows;
        var key = $"consumer_lag/{lake.WriterId}";
        if (buffered > o.ConsumerLagRows && _lagging != true)
        {
            await alerts.RaiseAsync(new AlertSignal(key, AlertKinds.ConsumerLag, AlertSeverity.Warning,
                $"{buffered} received rows not yet written to the lake (threshold {o.ConsumerLagRows})",
                new Dictionary<string, string>
                {
                    ["writer_id"] = lake.WriterId.ToString(CultureInfo.InvariantCulture),
                    ["buffered_rows"] = buffered.ToString(CultureInfo.InvariantCulture),
                }), ct);
            _lagging = true;
        }
        else if (buffered <= o.ConsumerLagRows * 0.8 && _lagging != false)
        {
            await alerts.ResolveAsync(key, ct);
            _lagging = false;
        }
    }
}
