namespace MHA.Grains.Alerts;

/// <summary>Alert delivery (webhook endpoints, retries, outbox) and the thresholds of the alert sources (<c>Alerts</c> section).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// This silo's folder in the lake's alert outbox (<c>alerts/outbox/{id}/</c>): stable across restarts, so a restarted
    /// silo sends what it left pending. Unset, the silo's instance id.
    /// </summary>
    public string? OutboxId { get; set; }

    /// <summary>Webhook receivers. None configured: alerts still show on the board and in <c>GET /api/alerts</c>.</summary>
    public List<AlertEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>CloudEvents <c>source</c>; the silo's instance is appended (<c>/mha/occupancy-engine/silo-0</c>).</summary>
    public string Source { get; set; } = "/mha/occupancy-engine";

    /// <summary>First retry delay; doubles on every failed attempt (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A <c>Retry-After</c> longer than this is capped (a receiver cannot silence alerts for a day).</summary>
    public TimeSpan RetryAfterMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An alert not accepted by an endpoint within this time is given up for that endpoint (logged).</summary>
    public TimeSpan DeliveryGiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Per attempt.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lake writes failing: alert after this many consecutive failed flushes…</summary>
    public int LakeWriteFailedFlushes { get; set; } = 3;

    /// <summary>…or after failing for this long, whichever comes first.</summary>
    public TimeSpan LakeWriteFailureAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the lake, quality and lag monitors look.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Data quality: alert when more than this share (percent) of the last <see cref="QualityWindowItems"/> received items was quarantined.</summary>
    public double QualityQuarantinePct { get; set; } = 20;

    public int QualityWindowItems { get; set; } = 1000;

    /// <summary>Consumer lag: alert when more rows than this were received but are not yet written to the lake.</summary>
    public int ConsumerLagRows { get; set; } = 100_000;

    public CapacityAlertOptions Capacity { get; set; } = new();

    /// <summary>The endpoints with their names (<c>endpoint-{index}</c> when unnamed).</summary>
    public IReadOnlyList<(string Name, AlertEndpointOptions Endpoint)> NamedEndpoints() =>
        Endpoints.Select((e, i) => (string.IsNullOrWhiteSpace(e.Name) ? $"endpoint-{i}" : e.Name!, e)).ToArray();
}
