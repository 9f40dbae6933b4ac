using MHA.Dashboard.Authorization;
using MHA.Grains.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Dashboard.Apis;

/// <summary><c>GET /api/pipeline</c>: each pipeline job's last run, outcome, next run and lag, as this silo saw them; <c>/pipeline</c> shows the same.</summary>
public static class PipelineApi
{
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/pipeline", (PipelineMonitor monitor, TimeProvider time, ILocalSiloDetails silo) => Results.Ok(new
        {
            silo = silo.SiloAddress.ToString(),
            generated_at = time.GetUtcNow(),
            jobs = monitor.Snapshot(),
        })).RequireAuthorization(BoardPolicies.ViewPipeline).WithTags("Pipeline");
        // Anonymous by decision: a redirect to a static page; the page's data comes from /api/pipeline.
        app.MapGet("/pipeline", () => Results.Redirect("/pipeline.html")).AllowAnonymous();
        return app;
    }
}
