using System.Security.Claims;
using MHA.Dashboard.Authorization;
using MHA.Grains.Audit;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MHA.Dashboard.Apis;

/// <summary>Live occupancy: <c>GET /api/occupancy</c>, <c>GET /api/occupancy/{hospitalId}</c>, bed lists and anomalies.</summary>
public static class OccupancyApi
{
    public static IEndpointRouteBuilder MapOccupancyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/occupancy").WithTags("Occupancy");
        api.MapGet("/", GetNetworkAsync).RequireAuthorization(BoardPolicies.ViewOccupancy);
        api.MapGet("/{hospitalId:int}", GetHospitalAsync).RequireAuthorization(BoardPolicies.ViewOccupancy);
        api.MapGet("/{hospitalId:int}/anomalies", GetAnomaliesAsync).RequireAuthorization(BoardPolicies.ViewAnomalies);
        api.MapGet("/{hospitalId:int}/departments/{department}/beds", GetBedsAsync).RequireAuthorization(BoardPolicies.ViewBeds)
            .WithMetadata(new AuditedAccess(AuditActions.ViewBeds));

        app.MapGet("/api/board/config", (IOptions<BoardOptions> options) => Results.Ok(new
        {
            amber_threshold_pct = options.Value.AmberThresholdPct,
            red_threshold_pct = options.Value.RedThresholdPct,
            stale_after_seconds = options.Value.StaleAfterSeconds,
        })).RequireAuthorization(BoardPolicies.ViewOccupancy);
        return app;
    }

    /// <summary>The network as the caller may see it: every hospital for admins and analysts, the own hospital for managers and charge nurses.</summary>
    private static async Task<NetworkOccupancy> GetNetworkAsync(ClaimsPrincipal user, IGrainFactory grains, HospitalCatalog catalog, TimeProvider time)
    {
        var visible = AccessScope.From(user, catalog).VisibleHospitals(catalog);
        var hospitals = await Task.WhenAll(visible.Select(id => grains.GetGrain<IHospitalGrain>(id).GetOccupancyAsync()));
        return NetworkOccupancy.Sum(time.GetUtcNow(), hospitals);
    }

    private static async Task<IResult> GetHospitalAsync(int hospitalId, IGrainFactory grains, HospitalCatalog catalog) =>
        catalog.TryGetHospital(hospitalId, out _)
            ? Results.Ok(await grains.GetGrain<IHospitalGrain>(hospitalId).GetOccupancyAsync())
            : Results.Problem($"Hospital {hospitalId} is not in the catalog.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> GetAnomaliesAsync(int hospitalId, IGrainFactory grains, HospitalCatalog catalog) =>
        catalog.TryGetHospital(hospitalId, out _)
            ? Results.Ok(await grains.GetGrain<IHospitalGrain>(hospitalId).GetAnomaliesAsync())
            : Results.Problem($"Hospital {hospitalId} is not in the catalog.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Bed-level detail: audited before the data leaves (committed first in the durable profiles).</summary>
    private static async Task<IResult> GetBedsAsync(int hospitalId, string department, HttpContext context, IGrainFactory grains, HospitalCatalog catalog, AccessAudit audit)
    {
        var match = catalog.MatchDepartment(department);
        if (!catalog.TryGetHospital(hospitalId, out _) || !match.Found)
        {
            return Results.Problem($"No department '{department}' in hospital {hospitalId}.", statusCode: StatusCodes.Status404NotFound);
        }

        var beds = await grains.GetGrain<IHospitalGrain>(hospitalId).GetBedsAsync(match.Department!);
        await audit.RecordAsync(context, AuditActions.ViewBeds, AuditOutcomes.Allowed, hospitalId, match.Department, $"{beds.Count} beds shown");
        return Results.Ok(beds);
    }
}
