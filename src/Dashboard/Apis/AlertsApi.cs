using MHA.Dashboard.Authorization;
using MHA.Grains.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Dashboard.Apis;

/// <summary><c>GET /api/alerts</c>: the cluster's active alerts (no patient data) and this host's webhook endpoints (name, disabled, last outcome; never URLs or secrets).</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", GetAlertsAsync).WithTags("Alerts").RequireAuthorization(BoardPolicies.ViewAlerts);
        return app;
    }

    private static async Task<IResult> GetAlertsAsync(IGrainFactory grains, IServiceProvider services, TimeProvider time)
    {
        var active = await grains.GetGrain<IAlertRegistryGrain>(0).GetActiveAsync();
        var endpoints = services.GetService<AlertEndpointHealth>()?.All ?? [];
        return Results.Ok(new { generated_at = time.GetUtcNow(), active, endpoints });
    }
}
