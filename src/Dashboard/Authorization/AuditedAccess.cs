namespace MHA.Dashboard.Authorization;

/// <summary>
/// Endpoint metadata: requests to this endpoint leave an audit row, allowed ones from the endpoint and refused ones
/// (403) from <see cref="AuditingAuthorizationResultHandler"/>.
/// </summary>
public sealed record AuditedAccess(string Action);
