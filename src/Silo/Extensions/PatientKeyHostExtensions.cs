using MHA.Grains.Security;
using MHA.Silo.Profiles;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Extensions;

/// <summary>
/// Wires the patient-key secret (<see cref="PatientKeyHasher"/>): <c>PatientKey:HmacSecret</c> when configured; otherwise,
/// in the embedded and local profiles, a secret file created once under <c>Security:LocalSecretsPath</c> and read on every
/// later start, so keys stay the same across restarts. The azure profile has no fallback: without the secret it does not start.
/// </summary>
public static class PatientKeyHostExtensions
{
    public const string MissingInAzure =
        "PatientKey:HmacSecret is required in the azure profile: put base64 of 32 random bytes in the Key Vault secret " +
        "'patient-key-hmac-secret', which the app reads as PatientKey__HmacSecret (deploy/README.md).";

    public const string Malformed = "PatientKey:HmacSecret must be base64 of at least 32 random bytes (openssl rand -base64 32).";

    public static WebApplicationBuilder AddPatientKeys(this WebApplicationBuilder builder)
    {
        var profile = builder.Configuration.GetEngineProfile();
        builder.Services.AddOptions<PatientKeyOptions>().Bind(builder.Configuration.GetSection(PatientKeyOptions.Section))
            .Validate(o => profile != EngineProfile.Azure || !string.IsNullOrWhiteSpace(o.HmacSecret), MissingInAzure)
            .Validate(o => string.IsNullOrWhiteSpace(o.HmacSecret) || PatientKeyHasher.TryParseSecret(o.HmacSecret, out _, out _), Malformed)
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => Create(
            profile,
            sp.GetRequiredService<IOptions<PatientKeyOptions>>().Value,
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PatientKeyHasher))));
        return builder;
    }

    private static PatientKeyHasher Create(EngineProfile profile, PatientKeyOptions options, SecurityOptions security, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.HmacSecret))
        {
            if (!PatientKeyHasher.TryParseSecret(options.HmacSecret, out var configured, out var error))
            {
                throw new InvalidOperationException($"{Malformed} Now {error}.");
            }

            var hasher = new PatientKeyHasher(configured);
            logger.LogInformation("Patient keys: secret from configuration (fingerprint {Fingerprint})", hasher.Fingerprint);
            return hasher;
        }

        if (profile == EngineProfile.Azure) throw new InvalidOperationException(MissingInAzure);

        var path = Path.GetFullPath(Path.Combine(security.LocalSecretsPath, PatientKeyOptions.LocalSecretFileName));
        var local = new PatientKeyHasher(LocalSecretFile.ReadOrCreate(path));
        logger.LogInformation("Patient keys: secret from the local file {Path} (fingerprint {Fingerprint}); keep it, or Gold's keys change", path, local.Fingerprint);
        return local;
    }
}
