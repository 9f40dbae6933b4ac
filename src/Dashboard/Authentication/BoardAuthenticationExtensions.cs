using System.Security.Claims;
using MHA.Dashboard.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MHA.Dashboard.Authentication;

/// <summary>
/// JWT bearer sign-in: an Entra ID scheme and a development scheme behind one <c>Bearer</c> scheme that picks by the
/// token's issuer. The hub takes the token from <c>access_token</c> (browsers cannot set headers on WebSockets).
/// </summary>
public static class BoardAuthenticationExtensions
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;
    public const string EntraScheme = "Entra";
    public const string DevelopmentScheme = "Development";

    /// <param name="developmentTokensAllowed">False in the Azure profile: start-up fails if development tokens are switched on.</param>
    public static IServiceCollection AddBoardAuthentication(this IServiceCollection services, IConfiguration configuration, bool developmentTokensAllowed)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => developmentTokensAllowed || !o.Development.Enabled,
                "The azure profile refuses development tokens: set Auth:Development:Enabled=false and sign in with Entra ID (Auth:Entra).")
            .Validate(o => o.Development.Enabled || o.Entra.IsConfigured, "No sign-in is configured: set Auth:Entra:Authority and Auth:Entra:Audience.")
            .Validate(o => !o.Entra.IsConfigured || !string.IsNullOrWhiteSpace(o.Entra.Audience), "Auth:Entra:Audience is required with Auth:Entra:Authority.")
            .ValidateOnStart();

        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var development = auth.Development.Enabled && developmentTokensAllowed;
        var entra = auth.Entra.IsConfigured;

        var builder = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token (Entra ID or development)", o => o.ForwardDefaultSelector = context =>
                !entra || (development && IssuerOf(context) == auth.Development.Issuer) ? DevelopmentScheme : EntraScheme);

        if (development)
        {
            services.AddSingleton<DevelopmentTokenIssuer>();
            builder.AddJwtBearer(DevelopmentScheme, o => Configure(o));
            services.AddOptions<JwtBearerOptions>(DevelopmentScheme).Configure<DevelopmentTokenIssuer>((o, issuer) =>
            {
                o.TokenValidationParameters.ValidIssuer = issuer.Issuer;
                o.TokenValidationParameters.ValidAudience = issuer.Audience;
                o.TokenValidationParameters.IssuerSigningKey = issuer.SigningKey;
                o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            });
        }

        if (entra)
        {
            builder.AddJwtBearer(EntraScheme, o =>
            {
                Configure(o);
                o.Authority = auth.Entra.Authority;
                o.Audience = auth.Entra.Audience;
                o.RequireHttpsMetadata = auth.Entra.RequireHttpsMetadata;
                if (!string.IsNullOrWhiteSpace(auth.Entra.MetadataAddress)) o.MetadataAddress = auth.Entra.MetadataAddress;
                o.Events.OnTokenValidated = context =>
                {
                    MapScopeClaims(context.Principal, auth.Entra);
                    return Task.CompletedTask;
                };
            });
        }

        return services;
    }

    private static void Configure(JwtBearerOptions options)
    {
        // Claim names stay as issued ("roles", "sub"): no mapping to WS-Federation URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = MhaClaimTypes.Name;
        options.TokenValidationParameters.RoleClaimType = MhaClaimTypes.Roles;
        options.TokenValidationParameters.ValidateIssuer = true;
        options.TokenValidationParameters.ValidateAudience = true;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.RequireExpirationTime = true;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
        options.Events = new JwtBearerEvents { OnMessageReceived = ReadHubToken };
    }

    private static Task ReadHubToken(MessageReceivedContext context)
    {
        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: > 0 } token)
        {
            context.Token = token.ToString();
        }

        return Task.CompletedTask;
    }

    /// <summary>The unvalidated issuer, only to choose which scheme validates the token.</summary>
    private static string? IssuerOf(HttpContext context)
    {
        string? token = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = header["Bearer ".Length..].Trim();
        else if (context.Request.Path.StartsWithSegments("/hubs")) token = context.Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static void MapScopeClaims(ClaimsPrincipal? principal, EntraOptions options)
    {
        if (principal?.Identity is not ClaimsIdentity identity) return;
        Copy(options.HospitalClaim, MhaClaimTypes.Hospital);
        Copy(options.DepartmentClaim, MhaClaimTypes.Department);

        void Copy(string from, string to)
        {
            if (from == to || identity.FindFirst(to) is not null) return;
            if (identity.FindFirst(from) is { } claim) identity.AddClaim(new Claim(to, claim.Value));
        }
    }
}
