namespace MHA.Dashboard.Authentication;

/// <summary>
/// Microsoft Entra ID (<c>Auth:Entra</c>): the tenant's authority and this API's audience; roles arrive as app roles in
/// <c>roles</c>, the hospital and department scope in the claims named here (directory extension or optional claims, see deploy/entra).
/// </summary>
public sealed class EntraOptions
{
    /// <summary>e.g. <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>. Unset: Entra sign-in is off.</summary>
    public string? Authority { get; set; }

    /// <summary>The API's application id URI or client id, e.g. <c>api://mha-occupancy</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>Overrides the metadata document address (sovereign clouds, or a stand-in issuer in tests).</summary>
    public string? MetadataAddress { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public string HospitalClaim { get; set; } = "mha_hospital";

    public string DepartmentClaim { get; set; } = "mha_department";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
