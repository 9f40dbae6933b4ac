namespace MHA.Grains.Alerts;

/// <summary>One webhook receiver: where, its signing secret, and which event types it wants.</summary>
public sealed class AlertEndpointOptions
{
    /// <summary>Shown in logs and <c>GET /api/alerts</c>; defaults to <c>endpoint-{index}</c>.</summary>
    public string? Name { get; set; }

    public string Url { get; set; } = "";

    /// <summary>Standard Webhooks secret, <c>whsec_</c> + base64 of 24–64 random bytes. Configuration or Key Vault only; never logged.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Event-type prefixes this endpoint receives (<c>mha.alert.capacity</c>, <c>mha.alert.lake_write_failed.raised</c>); empty: all.</summary>
    public List<string> Types { get; set; } = [];

    /// <summary>Whether an event of <paramref name="type"/> goes to this endpoint.</summary>
    public bool Accepts(string type) => Types.Count == 0 || Types.Any(t => type.StartsWith(t, StringComparison.Ordinal));
}
