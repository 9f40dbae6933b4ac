using System.Net;
using System.Security.Claims;
using System.Net.Http.Json;
using System.Text.Json;
using MHA.Dashboard.Authorization;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Cli;
using Microsoft.Extensions.Options;

namespace MHA.IntegrationTests;

/// <summary>
/// The Azure profile signs in with Entra ID only: a real host in the azure profile (storage on Azurite, Entra replaced by
/// a local OpenID Connect stand-in, since no tenant is reachable) accepts Entra-shaped tokens, maps their scope claims,
/// and refuses development tokens however they are obtained.
/// </summary>
public sealed class AzureProfileSignInTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Audience = "api://mha-occupancy-test";

    [Fact]
    public async Task Entra_tokens_are_accepted_with_their_scope_and_development_tokens_are_refused()
    {
        await using var entra = await EntraStandIn.StartAsync();
        await using var host = await SiloHost.StartAsync($"azure-auth-{Guid.NewGuid():N}", settings: AzureSettings(entra));
        Assert.Null(host.Tokens);

        // An Entra token: app role in "roles", the hospital in a directory extension claim mapped by configuration.
        var manager = entra.Issue(Audience, [new Claim("roles", MhaRoles.HospitalManager), new Claim("extension_mhaHospital", "3"), new Claim("name", "manager-3")]);
        using (var client = host.ClientFor(manager))
        {
            var network = JsonDocument.Parse(await client.GetStringAsync("/api/occupancy")).RootElement;
            Assert.Equal([3], network.GetProperty("hospitals").EnumerateArray().Select(h => h.GetProperty("hospital_id").GetInt32()));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/occupancy/4")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/occupancy/3/departments/ICU/beds")).StatusCode);
        }

        // Entra's own checks still apply: another API's token is refused.
        using (var otherAudience = host.ClientFor(entra.Issue("api://another-api", [new Claim("roles", MhaRoles.NetworkAdmin)])))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await otherAudience.GetAsync("/api/occupancy")).StatusCode);
        }

        // A development token, signed with a development key as `token` would print it: refused.
        using (var development = host.ClientFor(TestTokens.Admin))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await development.GetAsync("/api/occupancy")).StatusCode);
        }

        // No development sign-in endpoint (an unmapped path falls to the deny-by-default policy), and the board is told to sign in with Entra.
        using var anonymous = host.ClientFor(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/auth/dev-token", JsonContent.Create(new { role = "NetworkAdmin" }))).StatusCode);
        var config = JsonDocument.Parse(await anonymous.GetStringAsync("/api/auth/config")).RootElement;
        Assert.False(config.GetProperty("development_sign_in").GetBoolean());
        Assert.Equal(entra.Authority, config.GetProperty("entra").GetProperty("authority").GetString());
    }

    [Fact]
    public async Task The_azure_profile_does_not_start_with_development_tokens_switched_on()
    {
        await using var entra = await EntraStandIn.StartAsync();
        var settings = AzureSettings(entra);
        settings["Auth:Development:Enabled"] = "true";
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SiloHost.StartAsync($"azure-dev-{Guid.NewGuid():N}", settings: settings));
        Assert.Contains("azure profile refuses development tokens", error.Message);
    }

    [Fact]
    public void The_token_command_refuses_the_azure_profile()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = DevelopmentTokenCommand.Run(["token", "--role", "NetworkAdmin", "--profile", "azure"], output, error);
        Assert.Equal(3, exit);
        Assert.Equal("", output.ToString());
        Assert.Contains("azure profile refuses", error.ToString());
    }

    private Dictionary<string, string?> AzureSettings(EntraStandIn entra)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        return new Dictionary<string, string?>
        {
            ["Profile"] = "azure",
            ["Silo:ServiceId"] = $"mha-{run}",
            ["AzureStorage:ConnectionString"] = azurite.ConnectionString,
            ["AzureStorage:StreamQueuePrefix"] = $"adt{run}",
            ["Lake:BlobConnectionString"] = azurite.ConnectionString,
            ["Lake:Container"] = $"lake{run}",
            ["PatientKey:HmacSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Auth:Entra:Authority"] = entra.Authority,
            ["Auth:Entra:Audience"] = Audience,
            ["Auth:Entra:RequireHttpsMetadata"] = "false",
            ["Auth:Entra:HospitalClaim"] = "extension_mhaHospital",
        };
    }
}
