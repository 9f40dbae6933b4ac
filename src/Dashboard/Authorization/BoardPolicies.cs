using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Dashboard.Authorization;

/// <summary>
/// The authorization policies every endpoint and hub names. Deny by default: an endpoint that names no policy still needs
/// a signed-in caller (the fallback policy), and only the health probes, the static board files and the sign-in endpoints
/// are anonymous, each by an explicit <c>AllowAnonymous</c>.
/// </summary>
public static class BoardPolicies
{
    /// <summary>Department-level occupancy (board, occupancy API, hub), scoped to the caller's hospital.</summary>
    public const string ViewOccupancy = "ViewOccupancy";

    /// <summary>Bed-level detail (patient ids): PHI, audited.</summary>
    public const string ViewBeds = "ViewBeds";

    /// <summary>A hospital's anomalies (no patient ids).</summary>
    public const string ViewAnomalies = "ViewAnomalies";

    /// <summary>Data-quality reports and lake statistics (no patient data).</summary>
    public const string ViewQuality = "ViewQuality";

    /// <summary>The pipeline jobs' runs (no patient data).</summary>
    public const string ViewPipeline = "ViewPipeline";

    /// <summary>Active alerts (no patient data), filtered to the caller's hospitals.</summary>
    public const string ViewAlerts = "ViewAlerts";

    /// <summary>Post events and batch files.</summary>
    public const string IngestEvents = "IngestEvents";

    public static IServiceCollection AddBoardAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, BoardAccessHandler>();
        services.AddSingleton<AccessAudit>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        return services.AddAuthorization(options =>
        {
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            Add(options, ViewOccupancy, BoardAccess.Occupancy);
            Add(options, ViewBeds, BoardAccess.Beds);
            Add(options, ViewAnomalies, BoardAccess.Anomalies);
            Add(options, ViewQuality, BoardAccess.Quality);
            Add(options, ViewPipeline, BoardAccess.Pipeline);
            Add(options, ViewAlerts, BoardAccess.Alerts);
            Add(options, IngestEvents, BoardAccess.Ingest);
        });
    }

    private static void Add(AuthorizationOptions options, string name, BoardAccess access) =>
        options.AddPolicy(name, p => p.RequireAuthenticatedUser().AddRequirements(new BoardAccessRequirement(access)));
}
