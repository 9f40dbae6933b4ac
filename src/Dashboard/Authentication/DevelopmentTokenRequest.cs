namespace MHA.Dashboard.Authentication;

/// <summary>What a development token grants: a role, and for scoped roles a hospital (and department).</summary>
public sealed record DevelopmentTokenRequest(string Role, int? HospitalId = null, string? Department = null, string? Name = null, TimeSpan? Lifetime = null);
