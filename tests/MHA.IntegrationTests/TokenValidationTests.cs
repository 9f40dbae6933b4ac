using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using MHA.Dashboard.Authorization;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MHA.IntegrationTests;

/// <summary>
/// Tokens that must not get in: expired, signed with another key, for another audience or issuer, unsigned. Each is
/// built here with the JWT library, independently of the product's issuer, and sent over HTTP to a real host.
/// </summary>
public sealed class TokenValidationTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string Path = "/api/occupancy";

    [Fact]
    public async Task A_well_formed_token_is_accepted_so_the_refusals_below_are_about_the_token()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(Token()));
    }

    [Fact]
    public async Task An_expired_token_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Token(expires: DateTime.UtcNow.AddMinutes(-5), issuedAt: DateTime.UtcNow.AddHours(-1))));

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Token(key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)))));

    [Fact]
    public async Task A_token_for_another_audience_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Token(audience: "some-other-api")));

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Token(issuer: "https://login.example.org/")));

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var signed = Token().Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync($"{header}.{signed[1]}."));
    }

    [Fact]
    public async Task A_token_with_an_unknown_role_grants_nothing()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await StatusWithAsync(Token(role: "SuperUser")));
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        using var client = fixture.Host.ClientFor(token);
        using var response = await client.GetAsync(Path);
        return response.StatusCode;
    }

    private string Token(string role = MhaRoles.NetworkAdmin, SecurityKey? key = null, string? audience = null, string? issuer = null, DateTime? expires = null, DateTime? issuedAt = null)
    {
        var tokens = fixture.Host.Tokens!;
        var now = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? tokens.Issuer,
            Audience = audience ?? tokens.Audience,
            Subject = new ClaimsIdentity([new Claim(MhaClaimTypes.Roles, role), new Claim(MhaClaimTypes.Name, "token-test")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key ?? tokens.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
