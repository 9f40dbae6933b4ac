using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Alerts;

/// <summary>
/// Raises and resolves alerts: the cluster's <see cref="IAlertRegistryGrain"/> decides whether a key is new (so the same
/// condition seen by several silos is delivered once), then the webhook message goes to this silo's
/// <see cref="AlertOutbox"/>, from where the delivery service sends it to every endpoint whose type filter matches.
/// When the registry cannot be reached, this silo's own memory deduplicates: a duplicate is better than a lost alert.
/// Raise and resolve only queue the request and return: callers (a department grain applying a batch) never wait for
/// the registry or the lake; one loop handles the requests in order, so a key's raise precedes its resolve.
/// </summary>
public sealed class WebhookAlertPublisher(
    IGrainFactory grains,
    AlertOutbox outbox,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<WebhookAlertPublisher> logger) : IAlertPublisher
{
    private readonly ConcurrentDictionary<string, ActiveAlert> _raisedHere = new(StringComparer.Ordinal);
    private readonly Channel<(AlertSignal? Raise, string Key, DateTimeOffset At)> _requests =
        Channel.CreateUnbounded<(AlertSignal?, string, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _processing;

    /// <summary>CloudEvents <c>source</c> of this silo's messages (set when the host is wired).</summary>
    public string Source => options.Value.Source;

    public Task RaiseAsync(AlertSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return EnqueueRequest((signal, signal.Key, time.GetUtcNow()));
    }

    public Task ResolveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return EnqueueRequest((null, key, time.GetUtcNow()));
    }

    private Task EnqueueRequest((AlertSignal? Raise, string Key, DateTimeOffset At) request)
    {
        _requests.Writer.TryWrite(request);
        if (_processing is null)
        {
            lock (_requests)
            {
                _processing ??= Task.Run(ProcessAsync);
            }
        }

        return Task.CompletedTask;
    }

    private async Task ProcessAsync()
    {
        await foreach (var (raise, key, at) in _requests.Reader.ReadAllAsync())
        {
            try
            {
                if (raise is not null) await HandleRaiseAsync(raise, at);
                else await HandleResolveAsync(key, at);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Alert {Key} could not be handled", key);
            }
        }
    }

    private async Task HandleRaiseAsync(AlertSignal signal, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
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

    private async Task HandleResolveAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
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
