using Microsoft.Extensions.Configuration.Json;

namespace MHA.Silo.Profiles;

/// <summary>Reads the profile setting and layers its <c>appsettings.{profile}.json</c> under the environment and command line.</summary>
public static class ProfileConfigurationExtensions
{
    public const string Key = "Profile";

    public static EngineProfile GetEngineProfile(this IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value)) return EngineProfile.Embedded;
        return Enum.TryParse<EngineProfile>(value, ignoreCase: true, out var profile) && Enum.IsDefined(profile)
            ? profile
            : throw new InvalidOperationException($"Unknown profile '{value}': use embedded, local or azure.");
    }

    /// <summary>Adds the profile's settings file right after the other JSON files, so environment variables and the command line still win.</summary>
    public static EngineProfile AddProfileSettings(this WebApplicationBuilder builder)
    {
        var profile = builder.Configuration.GetEngineProfile();
        if (profile == EngineProfile.Embedded) return profile;

        var sources = builder.Configuration.Sources;
        var lastJson = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource) lastJson = i;
        }

        var file = new JsonConfigurationSource { Path = $"appsettings.{profile.ToString().ToLowerInvariant()}.json", Optional = false, ReloadOnChange = false };
        file.ResolveFileProvider();
        file.FileProvider ??= builder.Environment.ContentRootFileProvider;
        sources.Insert(lastJson + 1, file);
        return profile;
    }
}
