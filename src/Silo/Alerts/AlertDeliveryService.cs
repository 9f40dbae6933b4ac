using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MHA.Grains.Alerts;
using MHA.Grains.Audit;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Alerts;

/// <summary>
/// Sends the outbox's webhook messages: every pending (message, endpoint) pair whose next attempt is due, signed per
/// Standard Webhooks with the endpoint's secret and a fresh timestamp, the same id and body on every attempt. 2xx is
/// success; 410 disables the endpoint (logged, shown by <c>GET /api/alerts</c>, a <c>config_change</c> in the audit log);
/// anything else is retried with
/// backoff and jitter, honouring <c>Retry-After</c> on 429/503 (<see cref="WebhookRetryPolicy"/>). On start it loads
/// what a previous run left pending; it keeps retrying outbox writes the lake refused.
/// </summary>
public sealed class AlertDeliveryService(
    AlertOutbox outbox,
    AlertEndpointHealth health,
    AuditLog audit,
    IHttpClientFactory httpClients,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "alerts";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentDictionary<(string Id, string Endpoint), Attempts> _attempts = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var endpoints = options.Value.NamedEndpoints().ToDictionary(e => e.Name, e => e.Endpoint, StringComparer.Ordinal);
        var retry = WebhookRetryPolicy.From(options.Value);
        await LoadAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.WaitForChangeAsync(Tick, stoppingToken);
                if (outbox.Unsynced > 0) await outbox.SyncAsync(stoppingToken);
                var now = time.GetUtcNow();
                var due = outbox.Pending
                    .SelectMany(entry => entry.Endpoints.Select(name => (entry, name)))
                    .Where(p => !_attempts.TryGetValue((p.entry.Id, p.name), out var a) || a.NextAt <= now)
                    .ToArray();
                await Task.WhenAll(due.Select(p => DeliverAsync(p.entry, p.name, endpoints.GetValueOrDefault(p.name), retry, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Alert delivery round failed; retrying");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await outbox.SyncAsync(CancellationToken.None);
    }

    private async Task LoadAsync(CancellationToken stoppingToken)
    {
        // The lake may be unreachable at start: keep trying, new alerts are delivered meanwhile.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.LoadAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Alert outbox could not be read from the lake, retrying: {Error}", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, string name, AlertEndpointOptions? endpoint, WebhookRetryPolicy retry, CancellationToken stoppingToken)
    {
        if (endpoint is null || health.IsDisabled(name))
        {
            // The endpoint was removed from configuration, or is disabled (410): nothing will ever be accepted there.
            Finish(entry.Id, name);
            return;
        }

        var key = (entry.Id, name);
        var attempt = (_attempts.TryGetValue(key, out var a) ? a.Count : 0) + 1;
        TimeSpan? retryAfter = null;
        string outcome;
        try
        {
            using var request = Sign(entry, endpoint);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.DeliveryTimeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                health.Delivered(name, time.GetUtcNow());
                logger.LogInformation("Webhook {Id} ({Type}) accepted by {Endpoint} after {Attempts} attempt(s)", entry.Id, entry.Type, name, attempt);
                Finish(entry.Id, name);
                return;
            }

            if (response.StatusCode == HttpStatusCode.Gone)
            {
                var reason = $"410 Gone at {time.GetUtcNow():O}";
                if (health.Disable(name, reason))
                {
                    logger.LogError("Webhook endpoint {Endpoint} answered 410 Gone and is disabled until the configuration changes and the silo restarts", name);
                    // Not awaited: delivery must never wait for the lake (one of the things it alerts on). The row is
                    // buffered at once and written by the next flush.
                    _ = AuditDisabledAsync(name, reason);
                }

                Finish(entry.Id, name);
                return;
            }

            if (status is 429 or 503) retryAfter = RetryAfterOf(response);
            outcome = $"HTTP {status}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            outcome = ex is TaskCanceledException ? "timed out" : ex.Message;
        }

        health.Failed(name, outcome);
        var now = time.GetUtcNow();
        if (now - entry.CreatedAt >= options.Value.DeliveryGiveUpAfter)
        {
            logger.LogError("Webhook {Id} ({Type}) given up for {Endpoint} after {Attempts} attempts: {Outcome}", entry.Id, entry.Type, name, attempt, outcome);
            Finish(entry.Id, name);
            return;
        }

        var delay = retry.NextDelay(attempt, retryAfter, Random.Shared.NextDouble());
        _attempts[key] = new Attempts(attempt, now + delay);
        logger.LogWarning("Webhook {Id} ({Type}) to {Endpoint} failed ({Outcome}), attempt {Attempt}; next in {Delay}", entry.Id, entry.Type, name, outcome, attempt, delay);
    }

    private async Task AuditDisabledAsync(string name, string reason)
    {
        try
        {
            await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), AuditActors.Alerts, AuditActors.SystemRole, AuditActions.ConfigChange, AuditOutcomes.Allowed,
                null, null, $"alerts/endpoints/{name}", $"webhook endpoint '{name}' disabled: {reason}"));
        }
        catch (Exception ex)
        {
            logger.LogWarning("Audit row for disabling webhook endpoint {Endpoint} could not be recorded: {Error}", name, ex.Message);
        }
    }

    private void Finish(string id, string name)
    {
        _attempts.TryRemove((id, name), out _);
        outbox.Complete(id, name);
    }

    private HttpRequestMessage Sign(OutboxEntry entry, AlertEndpointOptions endpoint)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(entry.Body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(AlertCloudEvent.ContentType);
        request.Headers.TryAddWithoutValidation("webhook-id", entry.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.Sign(endpoint.Secret, entry.Id, timestamp, entry.Body));
        return request;
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Failed attempts of one message at one endpoint, and when to try again.</summary>
    private sealed record Attempts(int Count, DateTimeOffset NextAt);
}
