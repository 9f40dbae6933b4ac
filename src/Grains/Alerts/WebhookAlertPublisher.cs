using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Alerts;

/// <summary>
/// Raises and resolves alerts: the cluster's <see cref="IAlertRegistryGrain"/> decides whether a key is new (so the same
/// condition seen by several silos is delivered once), then the webhook message goes to this silo's
/// <see cref="AlertOutbox"/>, from where the delivery service sends it to every endpoint whose type filter matches.
/// When the registry cannot be reached, this silo's own memory deduplicates: a duplicate is better than a lost alert.
/// </summary>
public sealed class WebhookAlertPublisher(
    IGrainFactory grains,
    AlertOutbox outbox,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<WebhookAlertPublisher> logger) : IAlertPublisher
{
    private readonly ConcurrentDictionary<string, ActiveAlert> _raisedHere = new(StringComparer.Ordinal);

    /// <summary>CloudEvents <c>source</c> of this silo's messages (set when the host is wired).</summary>
    public string Source => options.Value.Source;

    public async Task RaiseAsync(AlertSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var now = time.GetUtcNow();
        var alert = new ActiveAlert(signal.Key, signal.Type, signal.Severity.ToString().ToLowerInvariant(), signal.Summary,
            signal.Details?.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal) ?? [], now, Source);
        bool isNew;
        try
        {
            isNew = await grains.GetGrain<IAlertRegistryGrain>(0).TryRaiseAsync(alert);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Alert registry unreachable, deduplicating {Key} on this silo only: {Error}", signal.Key, ex.Message);
            isNew = !_raisedHere.ContainsKey(signal.Key);
        }

        if (!isNew) return;
        _raisedHere[signal.Key] = alert;
        logger.LogWarning("Alert raised: {Key} ({Kind}, {Severity}): {Summary}", alert.Key, alert.Kind, alert.Severity, alert.Summary);
        await EnqueueAsync(alert, now, resolvedAt: null, cancellationToken);
    }

    public async Task ResolveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ActiveAlert? resolved;
        try
        {
            resolved = await grains.GetGrain<IAlertRegistryGrain>(0).TryResolveAsync(key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Alert registry unreachable, resolving {Key} from this silo's memory: {Error}", key, ex.Message);
            resolved = _raisedHere.TryGetValue(key, out var mine) ? mine : null;
        }

        _raisedHere.TryRemove(key, out _);
        if (resolved is null) return;
        var now = time.GetUtcNow();
        logger.LogInformation("Alert resolved: {Key} ({Kind})", resolved.Key, resolved.Kind);
        await EnqueueAsync(resolved, now, resolvedAt: now, cancellationToken);
    }

    private async Task EnqueueAsync(ActiveAlert alert, DateTimeOffset now, DateTimeOffset? resolvedAt, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(now).ToString("N");
        var (type, body) = AlertCloudEvent.Create(id, Source, alert, now, resolvedAt);
        var endpoints = options.Value.NamedEndpoints().Where(e => e.Endpoint.Accepts(type)).Select(e => e.Name).ToArray();
        if (endpoints.Length == 0) return;
        await outbox.AddAsync(new OutboxEntry(id, type, body, now, endpoints), cancellationToken);
    }
}
