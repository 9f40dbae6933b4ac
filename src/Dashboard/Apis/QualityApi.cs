using MHA.Dashboard.Authorization;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Quality;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MHA.Dashboard.Apis;

/// <summary><c>GET /api/quality</c>: the lake's reconciliation, the last refresh's report and the daily reports (no patient data).</summary>
public static class QualityApi
{
    public static IEndpointRouteBuilder MapQualityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/quality", (LakeWriter lake, GoldStarSchemaBuilder gold, QualityReporter quality) => Results.Ok(new
        {
            lake = new { location = lake.Storage.Location, statistics = lake.Statistics },
            gold_last_refresh = gold.LastRefresh,
            last_refresh_report = quality.LastRefreshReport,
            daily_reports = quality.DailyReports.Take(14),
        })).RequireAuthorization(BoardPolicies.ViewQuality).WithTags("Quality");
        // Anonymous by decision: a redirect to a static page; the page's data comes from /api/quality.
        app.MapGet("/quality", () => Results.Redirect("/quality.html")).AllowAnonymous();
        return app;
    }
}
