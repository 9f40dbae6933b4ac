using MHA.Grains.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace MHA.Dashboard.Authorization;

/// <summary>
/// Records refused attempts at audited endpoints (a signed-in caller asking for bed-level data outside their scope) before
/// answering 403 as usual; unauthenticated requests are answered 401 and not audited (there is no actor).
/// </summary>
public sealed class AuditingAuthorizationResultHandler(AccessAudit audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<AuditedAccess>() is { } audited)
        {
            var (hospital, department) = audit.RouteScope(context);
            await audit.RecordAsync(context, audited.Action, AuditOutcomes.Denied, hospital, department, "outside the caller's role or scope");
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
