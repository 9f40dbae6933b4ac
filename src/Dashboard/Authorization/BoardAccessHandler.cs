using MHA.Grains.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace MHA.Dashboard.Authorization;

/// <summary>
/// Decides a <see cref="BoardAccessRequirement"/> from the caller's token and the request's <c>hospitalId</c> and
/// <c>department</c> route values, so a route naming another hospital or department is refused (403) before the
/// endpoint runs. Hub method calls carry no route values: the hub checks the hospital argument itself.
/// </summary>
public sealed class BoardAccessHandler(HospitalCatalog catalog) : AuthorizationHandler<BoardAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BoardAccessRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;

        var scope = AccessScope.From(context.User, catalog);
        var (hospital, department) = BoardRoute.Of((context.Resource as HttpContext)?.Request.RouteValues);

        var allowed = requirement.Access switch
        {
            BoardAccess.Occupancy => hospital is { } id ? scope.CanViewOccupancy(id) : scope.CanViewAnyOccupancy,
            BoardAccess.Beds => hospital is { } id && CanViewBeds(scope, id, department),
            BoardAccess.Anomalies => hospital is { } id && scope.CanViewAnomalies(id),
            BoardAccess.Quality => scope.CanViewQuality,
            BoardAccess.Pipeline => scope.CanViewPipeline,
            BoardAccess.Alerts => scope.CanViewAlerts,
            BoardAccess.Ingest => scope.CanIngest,
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private bool CanViewBeds(AccessScope scope, int hospitalId, string? department)
    {
        var match = catalog.MatchDepartment(department);
        // An unknown department: those who may see every department of the hospital get the endpoint's 404, others 403.
        return match.Found
            ? scope.CanViewBeds(hospitalId, match.Department!)
            : catalog.DepartmentNames.All(d => scope.CanViewBeds(hospitalId, d));
    }
}
