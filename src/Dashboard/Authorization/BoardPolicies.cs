using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Dashboard.Authorization;

/// <summary>
/// The authorization policies every endpoint and hub names. Until role-based access lands (JWT roles by hospital and
/// department), the embedded default grants them to every caller; each endpoint already states which it needs.
/// </summary>
public static class BoardPolicies
{
    /// <summary>Read department-level occupancy (board, occupancy API, hub).</summary>
    public const string ViewOccupancy = "ViewOccupancy";

    /// <summary>Read bed-level detail (patient ids): PHI.</summary>
    public const string ViewBeds = "ViewBeds";

    /// <summary>Read data-quality reports and lake statistics (no patient data).</summary>
    public const string ViewQuality = "ViewQuality";

    /// <summary>Read the pipeline jobs' runs (no patient data).</summary>
    public const string ViewPipeline = "ViewPipeline";

    /// <summary>Read active alerts and webhook endpoint status (no patient data).</summary>
    public const string ViewAlerts = "ViewAlerts";

    /// <summary>Post events.</summary>
    public const string IngestEvents = "IngestEvents";

    public static IServiceCollection AddBoardAuthorization(this IServiceCollection services) =>
        services.AddAuthorization(options =>
        {
            options.AddPolicy(ViewOccupancy, p => p.RequireAssertion(_ => true));
            options.AddPolicy(ViewBeds, p => p.RequireAssertion(_ => true));
            options.AddPolicy(IngestEvents, p => p.RequireAssertion(_ => true));
            options.AddPolicy(ViewQuality, p => p.RequireAssertion(_ => true));
            options.AddPolicy(ViewPipeline, p => p.RequireAssertion(_ => true));
            options.AddPolicy(ViewAlerts, p => p.RequireAssertion(_ => true));
        });
}
