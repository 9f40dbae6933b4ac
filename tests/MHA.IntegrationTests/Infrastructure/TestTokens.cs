using System.Net.Http.Headers;
using System.Security.Cryptography;
using MHA.Dashboard.Authentication;
using MHA.Dashboard.Authorization;
using MHA.Grains.Catalog;
using MHA.Grains.Security;
using Microsoft.Extensions.Options;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// Development tokens for silos started as separate processes: the test run picks a random signing key, passes it to
/// each process as <c>Auth:Development:SigningKey</c> and mints tokens with the product's own issuer.
/// </summary>
public static class TestTokens
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static readonly DevelopmentTokenIssuer Issuer = new(
        Options.Create(new AuthOptions { Development = { SigningKey = SigningKey } }),
        Options.Create(new SecurityOptions()),
        HospitalCatalog.Create(new CatalogOptions()),
        TimeProvider.System);

    /// <summary>The command-line setting a silo process needs to accept these tokens.</summary>
    public static string SigningKeySetting => $"--Auth:Development:SigningKey={SigningKey}";

    public static string Issue(string role, int? hospitalId = null, string? department = null) =>
        Issuer.Issue(new DevelopmentTokenRequest(role, hospitalId, department));

    public static string Admin => Issue(MhaRoles.NetworkAdmin);

    public static string Ingestor => Issue(MhaRoles.Ingestor);

    public static HttpClient Authorize(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
