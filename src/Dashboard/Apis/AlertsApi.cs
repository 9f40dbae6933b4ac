using System.Globalization;
using System.Security.Claims;
using MHA.Dashboard.Authorization;
using MHA.Grains.Alerts;
using MHA.Grains.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Dashboard.Apis;

/// <summary>
/// <c>GET /api/alerts</c>: the active alerts the caller's scope covers (a hospital's alerts for who sees that hospital,
/// system alerts for admins and analysts; never patient data) and, for admins, the webhook endpoints' status (never URLs or secrets).
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", GetAlertsAsync).WithTags("Alerts").RequireAuthorization(BoardPolicies.ViewAlerts);
        return app;
    }

    private static async Task<IResult> GetAlertsAsync(ClaimsPrincipal user, HospitalCatalog catalog, IGrainFactory grains, IServiceProvider services, TimeProvider time)
    {
        var scope = AccessScope.From(user, catalog);
        var active = (await grains.GetGrain<IAlertRegistryGrain>(0).GetActiveAsync()).Where(a => scope.CanViewAlertFor(HospitalOf(a))).ToArray();
        var endpoints = scope.CanViewAlertEndpoints ? services.GetService<AlertEndpointHealth>()?.All ?? [] : [];
        return Results.Ok(new { generated_at = time.GetUtcNow(), active, endpoints });
    }

    private static int? HospitalOf(ActiveAlert alert) =>
        alert.Details.TryGetValue("hospital_id", out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
}
