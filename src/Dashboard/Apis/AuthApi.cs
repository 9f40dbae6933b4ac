using System.Net;
using System.Security.Claims;
using MHA.Dashboard.Authentication;
using MHA.Dashboard.Authorization;
using MHA.Grains.Audit;
using MHA.Grains.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MHA.Dashboard.Apis;

/// <summary>
/// Sign-in for the board: <c>GET /api/auth/config</c> (anonymous: which sign-in to offer), <c>POST /api/auth/dev-token</c>
/// (anonymous, development issuer only, loopback callers only) and <c>GET /api/me</c> (what the caller's token grants).
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Auth");
        // Anonymous by decision: the sign-in page needs it before a token exists; it names no patient and no secret.
        api.MapGet("/auth/config", GetConfig).AllowAnonymous();
        if (app.ServiceProvider.GetService<DevelopmentTokenIssuer>() is not null)
        {
            // Anonymous by decision: this is the development sign-in. The Azure profile never maps it (no development issuer).
            api.MapPost("/auth/dev-token", IssueDevelopmentTokenAsync).AllowAnonymous().DisableAntiforgery();
        }

        api.MapGet("/me", GetMe).RequireAuthorization();
        return app;
    }

    private static IResult GetConfig(IOptions<AuthOptions> options, HospitalCatalog catalog, IServiceProvider services) => Results.Ok(new
    {
        development_sign_in = services.GetService<DevelopmentTokenIssuer>() is not null,
        entra = options.Value.Entra.IsConfigured ? new { authority = options.Value.Entra.Authority, audience = options.Value.Entra.Audience } : null,
        roles = MhaRoles.All,
        hospitals = catalog.Hospitals.Select(h => new { id = h.Id, name = h.Name }),
        departments = catalog.DepartmentNames,
    });

    private static async Task<IResult> IssueDevelopmentTokenAsync(DevTokenBody body, HttpContext context, DevelopmentTokenIssuer issuer, IOptions<AuthOptions> options,
        AuditLog audit, TimeProvider time)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (!options.Value.Development.AllowRemoteSignIn && remote is not null && !IPAddress.IsLoopback(remote))
        {
            return Results.Problem("Development sign-in answers loopback callers only.", statusCode: StatusCodes.Status403Forbidden);
        }

        try
        {
            var lifetime = options.Value.Development.TokenLifetime;
            var issued = issuer.Create(new DevelopmentTokenRequest(body.Role ?? "", body.HospitalId, body.Department, body.Name, lifetime));
            await audit.RecordAsync(new AuditRecord(time.GetUtcNow(), issued.Name, issued.Role, AuditActions.SignIn, AuditOutcomes.Allowed,
                issued.HospitalId, issued.Department, context.Request.Path.Value ?? "", "development token issued"), context.RequestAborted);
            return Results.Ok(new { access_token = issued.Token, token_type = "Bearer", expires_in = (int)lifetime.TotalSeconds });
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static IResult GetMe(ClaimsPrincipal user, HospitalCatalog catalog)
    {
        var scope = AccessScope.From(user, catalog);
        var hospitals = scope.VisibleHospitals(catalog).ToArray();
        return Results.Ok(new
        {
            name = scope.Actor,
            role = scope.PrimaryRole,
            roles = scope.Roles,
            hospital_id = scope.HospitalId,
            department = scope.Department,
            can = new
            {
                network = scope.SeesAllHospitals,
                hospitals,
                beds = hospitals.SelectMany(h => catalog.DepartmentNames.Where(d => scope.CanViewBeds(h, d)).Select(d => new { hospital_id = h, department = d })),
                anomalies = hospitals.Where(scope.CanViewAnomalies),
                quality = scope.CanViewQuality,
                pipeline = scope.CanViewPipeline,
                alerts = scope.CanViewAlerts,
                ingest = scope.CanIngest,
            },
        });
    }

    /// <summary>The development sign-in form: role, and hospital/department for scoped roles.</summary>
    private sealed record DevTokenBody(string? Role, int? HospitalId, string? Department, string? Name);
}
