namespace MHA.Grains.Alerts;

/// <summary>An alert that is raised and not yet resolved, as the board and <c>GET /api/alerts</c> show it (no patient data).</summary>
[GenerateSerializer, Immutable]
public sealed record ActiveAlert(
    [property: Id(0)] string Key,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Severity,
    [property: Id(3)] string Summary,
    [property: Id(4)] Dictionary<string, string> Details,
    [property: Id(5)] DateTimeOffset RaisedAt,
    [property: Id(6)] string RaisedBy);
