using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for Microsoft Entra ID (no tenant is reachable from here): a Kestrel app on loopback serving an
/// OpenID Connect metadata document and its signing keys (JWKS), and RS256 tokens shaped like Entra's access tokens
/// (<c>roles</c> app roles, custom scope claims). The engine's JWT bearer handler fetches the keys over HTTP as it would from Entra.
/// </summary>
public sealed class EntraStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private EntraStandIn(WebApplication app, RsaSecurityKey key, string authority)
    {
        _app = app;
        _key = key;
        Authority = authority;
    }

    /// <summary>The issuer and authority, <c>http://127.0.0.1:{port}/tenant/v2.0</c>.</summary>
    public string Authority { get; }

    public string MetadataAddress => $"{Authority}/.well-known/openid-configuration";

    public static async Task<EntraStandIn> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "stand-in-key" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        string? authority = null;
        app.MapGet("/tenant/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority!,
            ["jwks_uri"] = $"{authority}/keys",
            ["authorization_endpoint"] = $"{authority}/authorize",
            ["token_endpoint"] = $"{authority}/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/tenant/v2.0/keys", () =>
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        authority = $"{address.TrimEnd('/')}/tenant/v2.0";
        return new EntraStandIn(app, key, authority);
    }

    /// <summary>An access token for <paramref name="audience"/> with the given claims, signed with the stand-in's key.</summary>
    public string Issue(string audience, IEnumerable<Claim> claims, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(30)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
