namespace MHA.Grains.Alerts;

/// <summary>
/// One webhook message waiting in the outbox: its CloudEvents id (also <c>webhook-id</c>), type, the exact body that is
/// signed and sent on every attempt, and the endpoints that have not accepted it yet.
/// </summary>
public sealed record OutboxEntry(string Id, string Type, string Body, DateTimeOffset CreatedAt, IReadOnlyList<string> Endpoints);
