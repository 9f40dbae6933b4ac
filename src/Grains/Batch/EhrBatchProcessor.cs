using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MHA.Grains.Alerts;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Pipeline;
using MHA.Grains.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Batch;

/// <summary>
/// Sweeps the landing zone's EHR extracts (<c>landing/ehr/</c>): every file whose content is not in the processed
/// manifest is read, its rows go through <see cref="EventIngestor"/> as source <c>batch</c> (reference: the file's path,
/// item index: the line), and its manifest is written. A file that cannot be read is quarantined whole
/// (<c>landing/_quarantine/</c> with a reason file, a quarantine row in the lake) and alerted; it never stops the sweep.
/// The watcher and the daily reminder share one processor: one sweep at a time.
/// </summary>
public sealed class EhrBatchProcessor(
    ILakeStorage storage,
    EventIngestor ingestor,
    PipelineMonitor monitor,
    TimeProvider time,
    IOptions<BatchOptions> options,
    IServiceProvider services,
    ILogger<EhrBatchProcessor> logger)
{
    private static readonly JsonSerializerOptions ManifestJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private readonly SemaphoreSlim _sweep = new(1, 1);

    // Files already settled this process (path, size, time): not read again on every poll.
    private readonly HashSet<LakeFile> _done = [];

    /// <summary>One sweep; <paramref name="trigger"/> is <c>watcher</c> or <c>daily</c> (recorded in the manifest and the pipeline job).</summary>
    public async Task<BatchRunResult> RunAsync(string trigger, CancellationToken cancellationToken)
    {
        var job = trigger == "daily" ? PipelineJobs.EhrBatchDaily : PipelineJobs.EhrBatchWatcher;
        var started = time.GetUtcNow();
        await _sweep.WaitAsync(cancellationToken);
        try
        {
            var result = await SweepAsync(trigger, cancellationToken);
            // The watcher reports only sweeps that found something, so its last run says when a file was last taken.
            if (trigger == "daily" || result.Ingested + result.Rejected + result.Failed > 0)
            {
                monitor.Completed(job, result.Failed == 0, result.Summary, started);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            monitor.Completed(job, false, RedactedText.Of(ex), started);
            throw;
        }
        finally
        {
            _sweep.Release();
        }
    }

    private async Task<BatchRunResult> SweepAsync(string trigger, CancellationToken cancellationToken)
    {
        var files = await storage.ListAsync(LandingZonePaths.Ehr, cancellationToken);
        var now = time.GetUtcNow();
        var pending = files.Where(f => !_done.Contains(f) && now - f.LastModified >= options.Value.SettleTime).ToArray();
        if (pending.Length == 0) return new BatchRunResult(trigger, 0, 0, 0, 0, 0, 0);

        var processed = (await storage.ListAsync(LandingZonePaths.Processed, cancellationToken))
            .Select(f => Path.GetFileNameWithoutExtension(f.Path)).ToHashSet(StringComparer.Ordinal);
        int ingested = 0, skipped = 0, rejected = 0, failed = 0, accepted = 0, itemsRejected = 0;
        foreach (var file in pending)
        {
            try
            {
                var content = await storage.ReadAsync(file.Path, cancellationToken);
                var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
                if (processed.Contains(sha256))
                {
                    skipped++;
                    _done.Add(file);
                    continue;
                }

                var extract = EhrExtractParser.Parse(file.Path, content, time.GetUtcNow());
                BatchFileManifest manifest;
                if (extract.Rejected)
                {
                    await QuarantineAsync(file, content, sha256, extract.RejectReason!, cancellationToken);
                    manifest = new BatchFileManifest(sha256, file.Path, "rejected", extract.RejectReason, extract.Kind?.ToString(), 0, 0, 0, time.GetUtcNow(), trigger);
                    rejected++;
                }
                else
                {
                    var (fileAccepted, fileRejected) = await IngestAsync(file.Path, extract.Items, cancellationToken);
                    manifest = new BatchFileManifest(sha256, file.Path, "ingested", null, extract.Kind?.ToString(), extract.Rows, fileAccepted, fileRejected, time.GetUtcNow(), trigger);
                    accepted += fileAccepted;
                    itemsRejected += fileRejected;
                    ingested++;
                    logger.LogInformation("EHR extract {Path}: {Rows} rows, {Accepted} events accepted, {Rejected} items quarantined", file.Path, extract.Rows, fileAccepted, fileRejected);
                }

                await storage.WriteAsync(LandingZonePaths.ManifestOf(sha256), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), cancellationToken);
                processed.Add(sha256);
                _done.Add(file);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage trouble: nothing is marked done, the next sweep tries this file again.
                failed++;
                logger.LogWarning("EHR extract {Path} could not be processed, will try again: {Error}", file.Path, RedactedText.Of(ex));
            }
        }

        return new BatchRunResult(trigger, ingested, skipped, rejected, failed, accepted, itemsRejected);
    }

    private async Task<(int Accepted, int Rejected)> IngestAsync(string path, IReadOnlyList<ReceivedItem> items, CancellationToken cancellationToken)
    {
        var source = IngestSource.Batch(path);
        int accepted = 0, rejected = 0;
        foreach (var chunk in items.Chunk(Math.Max(1, options.Value.IngestChunkRows)))
        {
            while (true)
            {
                try
                {
                    var result = await ingestor.IngestAsync(chunk, source, cancellationToken);
                    accepted += result.Accepted;
                    rejected += result.Rejected;
                    break;
                }
                catch (IngestThrottledException throttled)
                {
                    // The lake is behind: wait as told; nothing of this chunk was taken.
                    await Task.Delay(throttled.RetryAfter, time, cancellationToken);
                }
            }
        }

        return (accepted, rejected);
    }

    /// <summary>Moves a rejected file to <c>landing/_quarantine/</c> with a reason file, records it in the lake's quarantine, and alerts.</summary>
    private async Task QuarantineAsync(LakeFile file, byte[] content, string sha256, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var name = Path.GetFileName(file.Path);
        var target = $"{LandingZonePaths.Quarantine}{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{sha256[..8]}-{name}";
        await storage.WriteAsync(target, content, cancellationToken);
        await storage.WriteAsync(target + ".reason.txt", Encoding.UTF8.GetBytes($"{file.Path}\nsha256 {sha256}\nrejected at {now:O}\n{reason}\n"), cancellationToken);
        await storage.DeleteAsync(file.Path, cancellationToken);

        // One quarantine row (and its Bronze row) per rejected file: the quality report counts it with its reason.
        var record = JsonSerializer.SerializeToUtf8Bytes(new { file = file.Path, sha256, bytes = content.Length, quarantined_to = target });
        await ingestor.IngestAsync([new ReceivedItem(0, record, $"batch file rejected: {reason}")], IngestSource.Batch(file.Path), cancellationToken);
        // The full reason stays in the lake (restricted); logs and alerts get it without the values it quotes, which can be
        // a row's patient id ("no readable row: line 2: effective_time 'P-000123' is not a timestamp").
        var safeReason = RedactedText.Of(reason);
        logger.LogWarning("EHR extract {Path} rejected whole and quarantined to {Target}: {Reason}", file.Path, target, safeReason);

        if (services.GetService<IAlertPublisher>() is { } alerts)
        {
            try
            {
                await alerts.RaiseAsync(new AlertSignal($"batch/{file.Path}", "mha.alert.batch_file_rejected", AlertSeverity.Warning,
                    $"EHR batch file {file.Path} rejected: {safeReason}",
                    new Dictionary<string, string> { ["file"] = file.Path, ["reason"] = safeReason, ["sha256"] = sha256, ["quarantined_to"] = target }),
                    cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Alert for rejected EHR extract {Path} could not be raised: {Error}", file.Path, RedactedText.Of(ex));
            }
        }
    }
}
