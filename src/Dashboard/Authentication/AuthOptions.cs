namespace MHA.Dashboard.Authentication;

/// <summary>
/// How callers sign in (section <c>Auth</c>): Microsoft Entra ID in production, the development issuer in the embedded
/// and local profiles. Both may be on in the local profile; the Azure profile refuses development tokens.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public DevelopmentTokenOptions Development { get; set; } = new();

    public EntraOptions Entra { get; set; } = new();
}
