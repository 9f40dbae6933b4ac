using System.Security.Cryptography;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Extensions;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// Where the patient-key secret comes from, and why Gold's keys never change silently: without a configured secret the
/// embedded profile creates one under <c>Security:LocalSecretsPath</c> and makes the same keys after a restart; a silo
/// started with another secret leaves Gold as it is and says why, until the fingerprint file is deleted on purpose;
/// the azure profile without a secret, or a malformed secret, stops start-up.
/// </summary>
public sealed class PatientKeyTests
{
    private const int Seed = 77;

    [Fact]
    public async Task Without_a_configured_secret_the_local_secret_file_gives_the_same_keys_after_a_restart()
    {
        var lakePath = SiloHost.TemporaryLakePath();
        var secrets = Path.Combine(Path.GetDirectoryName(lakePath)!, "secrets");
        var settings = new Dictionary<string, string?>
        {
            ["Lake:LocalPath"] = lakePath,
            ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
            ["PatientKey:HmacSecret"] = "",
            ["Security:LocalSecretsPath"] = secrets,
        };
        var clusterId = $"keys-{Guid.NewGuid():N}";
        var lines = ProducerEvents.Dirty(Seed, 2_000);

        string[] before, stayKeysBefore;
        await using (var first = await SiloHost.StartAsync(clusterId, settings: settings))
        {
            await ProducerEvents.PostAsync(first, lines);
            await RefreshGoldAsync(first);
            (before, stayKeysBefore) = (PatientRows(lakePath), StayKeys(lakePath));
            Assert.Contains(first.Logs.Lines, l => l.Contains("Patient keys: secret from the local file", StringComparison.Ordinal));
        }

        // The secret: 32 random bytes, base64, readable by this user only, outside the lake.
        var file = Path.Combine(secrets, "patient-key-hmac.secret");
        var secret = File.ReadAllText(file).Trim();
        Assert.Equal(32, Convert.FromBase64String(secret).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.False(Path.GetFullPath(file).StartsWith(Path.GetFullPath(lakePath), StringComparison.Ordinal));
        using (var query = new LakeQuery(lakePath))
        {
            var expected = query.Rows("SELECT DISTINCT patient_id FROM silver").Select(r => TestPatientKeys.Of((string)r[0]!, secret)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, query.Rows("SELECT DISTINCT patient_key FROM dim_patient").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        }

        // A restart rebuilds Gold from Silver with the same secret: every key as before.
        await using (var second = await SiloHost.StartAsync(clusterId, settings: settings))
        {
            await RefreshGoldAsync(second);
            Assert.Equal(before, PatientRows(lakePath));
            Assert.Equal(stayKeysBefore, StayKeys(lakePath));
            PhiScan.AssertNoPatientIds(second.Logs.Lines, lines, "the restarted host's logs");
        }

        Assert.Equal(secret, File.ReadAllText(file).Trim());
    }

    [Fact]
    public async Task A_silo_with_another_secret_leaves_Gold_as_it_is_until_the_fingerprint_is_deleted_on_purpose()
    {
        var lakePath = SiloHost.TemporaryLakePath();
        var settings = new Dictionary<string, string?> { ["Lake:LocalPath"] = lakePath, ["Lake:GoldRefreshMaxInterval"] = "01:00:00" };
        var clusterId = $"keys-{Guid.NewGuid():N}";
        var lines = ProducerEvents.Dirty(Seed, 300);
        await using (var first = await SiloHost.StartAsync(clusterId, settings: settings))
        {
            await ProducerEvents.PostAsync(first, lines.Take(200));
            await RefreshGoldAsync(first);
        }

        var dimPatient = Path.Combine(lakePath, "gold", "dim_patient", GoldTables.FileName);
        var goldBefore = await File.ReadAllBytesAsync(dimPatient);
        var other = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        settings["PatientKey:HmacSecret"] = other;
        await using var second = await SiloHost.StartAsync(clusterId, settings: settings);
        await ProducerEvents.PostAsync(second, lines.Skip(200));
        await second.Services.GetRequiredService<LakeWriter>().AllWrittenAsync();
        var job = second.Services.GetRequiredService<GoldRefreshJob>();

        Assert.Null(await job.RefreshAsync(CancellationToken.None));
        Assert.Contains("made with another PatientKey:HmacSecret", job.LastError);
        Assert.Equal(goldBefore, await File.ReadAllBytesAsync(dimPatient));
        var pipeline = (await second.GetJsonAsync("/api/pipeline")).GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("job").GetString() == "gold-refresh");
        Assert.Equal("failed", pipeline.GetProperty("outcome").GetString());
        Assert.Contains(second.Logs.Lines, l => l.Contains("Error", StringComparison.Ordinal) && l.Contains("Gold refresh failed", StringComparison.Ordinal));

        // Rotation on purpose: delete the fingerprint, and Gold is rebuilt with keys of the new secret.
        File.Delete(Path.Combine(lakePath, GoldTables.PatientKeyFingerprint));
        Assert.NotNull(await job.RefreshAsync(CancellationToken.None));
        using var query = new LakeQuery(lakePath);
        var expected = query.Rows("SELECT DISTINCT patient_id FROM silver").Select(r => TestPatientKeys.Of((string)r[0]!, other)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, query.Rows("SELECT DISTINCT patient_key FROM dim_patient").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("azure", "", PatientKeyHostExtensions.MissingInAzure)]
    [InlineData("embedded", "c2hvcnQ=", PatientKeyHostExtensions.Malformed)]
    [InlineData("embedded", "not base64!", PatientKeyHostExtensions.Malformed)]
    public async Task Start_up_fails_without_a_usable_secret(string profile, string secret, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Profile"] = profile,
            ["PatientKey:HmacSecret"] = secret,
            ["AzureStorage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Lake:BlobConnectionString"] = "UseDevelopmentStorage=true",
        };
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SiloHost.StartAsync($"keys-{Guid.NewGuid():N}", settings: settings));
        Assert.Contains(message, failure.ToString());
    }

    private static async Task RefreshGoldAsync(SiloHost host)
    {
        await host.Services.GetRequiredService<LakeWriter>().AllWrittenAsync();
        Assert.NotNull(await host.Services.GetRequiredService<GoldRefreshJob>().RefreshAsync(CancellationToken.None));
    }

    private static string[] PatientRows(string lakePath)
    {
        using var query = new LakeQuery(lakePath);
        return query.Rows("SELECT patient_sk, patient_key, version, effective_from FROM dim_patient ORDER BY patient_sk, version")
            .Select(r => string.Join('|', r)).ToArray();
    }

    private static string[] StayKeys(string lakePath)
    {
        using var query = new LakeQuery(lakePath);
        return query.Rows("SELECT stay_key, patient_sk FROM fact_admission ORDER BY stay_key").Select(r => string.Join('|', r)).ToArray();
    }
}
