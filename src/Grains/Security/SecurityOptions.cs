namespace MHA.Grains.Security;

/// <summary>Where the embedded and local profiles keep secrets they generate themselves (never the Azure profile).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Folder for generated local secrets, relative to the working directory; kept apart from the lake, which analysts may read.</summary>
    public string LocalSecretsPath { get; set; } = "data/secrets";
}
