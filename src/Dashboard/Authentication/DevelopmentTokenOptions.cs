namespace MHA.Dashboard.Authentication;

/// <summary>
/// The development issuer (<c>Auth:Development</c>): tokens signed with a local key, minted by
/// <c>dotnet run --project src/Silo -- token …</c> or the board's development sign-in. Never accepted by the Azure profile.
/// </summary>
public sealed class DevelopmentTokenOptions
{
    /// <summary>On by default in the embedded and local profiles; the Azure profile refuses to start with it on.</summary>
    public bool Enabled { get; set; } = true;

    public string Issuer { get; set; } = "mha-development";

    public string Audience { get; set; } = "mha-occupancy";

    /// <summary>Base64 HMAC key (32+ bytes). Unset, a random key is created once in <c>Security:LocalSecretsPath</c>.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The board's sign-in endpoint answers loopback callers only, unless this is set (a shared test machine, say).</summary>
    public bool AllowRemoteSignIn { get; set; }
}
