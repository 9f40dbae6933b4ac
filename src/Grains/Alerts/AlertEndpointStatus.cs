namespace MHA.Grains.Alerts;

/// <summary>How a webhook endpoint is doing, for <c>GET /api/alerts</c>: disabled (it answered 410) and its last outcome.</summary>
public sealed record AlertEndpointStatus(string Name, bool Disabled, string? DisabledReason, DateTimeOffset? LastDeliveredAt, string? LastError);
