namespace MHA.Dashboard.Authentication;

/// <summary>A signed development token and whom it names, as the issuer settled it (canonical role and department, default name).</summary>
public sealed record DevelopmentToken(string Token, string Name, string Role, int? HospitalId, string? Department);
