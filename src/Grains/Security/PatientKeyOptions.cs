namespace MHA.Grains.Security;

/// <summary>
/// The secret of Gold's pseudonymous patient keys (section <c>PatientKey</c>). <see cref="HmacSecret"/> is base64 of at
/// least 32 random bytes (<c>openssl rand -base64 32</c>); in Azure it comes from Key Vault as <c>PatientKey__HmacSecret</c>.
/// Unset, the embedded and local profiles use a secret file they create under <c>Security:LocalSecretsPath</c>; the
/// azure profile refuses to start.
/// </summary>
public sealed class PatientKeyOptions
{
    public const string Section = "PatientKey";

    /// <summary>Base64 of the HMAC-SHA256 key; never logged, never written to the lake.</summary>
    public string? HmacSecret { get; set; }

    /// <summary>Name of the generated secret file under <c>Security:LocalSecretsPath</c>.</summary>
    public const string LocalSecretFileName = "patient-key-hmac.secret";
}
