using MHA.Grains.Audit;
using MHA.Grains.Catalog;
using Microsoft.AspNetCore.Http;

namespace MHA.Dashboard.Authorization;

/// <summary>
/// Writes a request's audit row: the caller from the token (name or subject, role), the hospital and department it
/// concerned, the path (never the query or a patient id). In the durable profiles the row is committed before this returns.
/// </summary>
public sealed class AccessAudit(AuditLog log, HospitalCatalog catalog, TimeProvider time)
{
    public Task RecordAsync(HttpContext context, string action, string outcome, int? hospitalId = null, string? department = null, string? detail = null)
    {
        var scope = AccessScope.From(context.User, catalog);
        return log.RecordAsync(new AuditRecord(time.GetUtcNow(), scope.Actor, scope.PrimaryRole, action, outcome, hospitalId, department,
            context.Request.Path.Value ?? "/", detail), context.RequestAborted);
    }

    /// <summary>The route's hospital and department (canonical when the catalog knows it, otherwise as requested).</summary>
    public (int? HospitalId, string? Department) RouteScope(HttpContext context)
    {
        var (hospital, department) = BoardRoute.Of(context.Request.RouteValues);
        var match = catalog.MatchDepartment(department);
        return (hospital, match.Found ? match.Department : department);
    }
}
