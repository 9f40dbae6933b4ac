using System.Globalization;
using System.Security.Claims;
using MHA.Grains.Catalog;

namespace MHA.Dashboard.Authorization;

/// <summary>
/// What one signed-in caller may see, from the token's roles, hospital and department: the single place where a role
/// becomes a decision, used by the endpoint policies, the hub and the board's <c>/api/me</c>. A scoped role whose token
/// lacks a valid hospital (or, for a charge nurse, department) grants nothing.
/// </summary>
public sealed class AccessScope
{
    private AccessScope(string actor, IReadOnlySet<string> roles, int? hospitalId, string? department)
    {
        Actor = actor;
        Roles = roles;
        HospitalId = hospitalId;
        Department = department;
    }

    /// <summary>Who the caller is for the audit log: name or subject, never a patient.</summary>
    public string Actor { get; }

    public IReadOnlySet<string> Roles { get; }

    /// <summary>The hospital a manager or charge nurse is limited to (from the token).</summary>
    public int? HospitalId { get; }

    /// <summary>The charge nurse's department, canonical name.</summary>
    public string? Department { get; }

    public bool IsAdmin => Roles.Contains(MhaRoles.NetworkAdmin);

    private bool IsAnalyst => Roles.Contains(MhaRoles.Analyst);

    private bool IsManager => Roles.Contains(MhaRoles.HospitalManager) && HospitalId is not null;

    private bool IsNurse => Roles.Contains(MhaRoles.ChargeNurse) && HospitalId is not null && Department is not null;

    /// <summary>The primary role for display and audit rows (the broadest one held).</summary>
    public string PrimaryRole => MhaRoles.All.FirstOrDefault(Roles.Contains) ?? "none";

    /// <summary>Department-level occupancy of every hospital.</summary>
    public bool SeesAllHospitals => IsAdmin || IsAnalyst;

    public bool CanViewAnyOccupancy => SeesAllHospitals || IsManager || IsNurse;

    public bool CanViewOccupancy(int hospitalId) => SeesAllHospitals || ((IsManager || IsNurse) && HospitalId == hospitalId);

    /// <summary>Bed-level detail with patient ids: admins, the hospital's manager, the department's charge nurse.</summary>
    public bool CanViewBeds(int hospitalId, string canonicalDepartment) =>
        IsAdmin
        || (IsManager && HospitalId == hospitalId)
        || (IsNurse && HospitalId == hospitalId && string.Equals(Department, canonicalDepartment, StringComparison.Ordinal));

    /// <summary>Anomalies (data quality, no patient ids): admins, analysts, the hospital's manager.</summary>
    public bool CanViewAnomalies(int hospitalId) => IsAdmin || IsAnalyst || (IsManager && HospitalId == hospitalId);

    public bool CanViewQuality => IsAdmin || IsAnalyst || IsManager;

    public bool CanViewPipeline => IsAdmin || IsAnalyst;

    /// <summary>Active alerts: everyone with a board, filtered by <see cref="CanViewAlertFor"/>.</summary>
    public bool CanViewAlerts => CanViewAnyOccupancy;

    /// <summary>An alert about a hospital is seen by whoever sees that hospital; a system alert (no hospital) by admins and analysts.</summary>
    public bool CanViewAlertFor(int? hospitalId) => hospitalId is { } id ? CanViewOccupancy(id) : SeesAllHospitals;

    /// <summary>Webhook endpoints' status is operations data: admins only.</summary>
    public bool CanViewAlertEndpoints => IsAdmin;

    public bool CanIngest => IsAdmin || Roles.Contains(MhaRoles.Ingestor);

    /// <summary>Hospitals whose board this caller sees, in catalog order.</summary>
    public IEnumerable<int> VisibleHospitals(HospitalCatalog catalog) => catalog.Hospitals.Select(h => h.Id).Where(CanViewOccupancy);

    public static AccessScope From(ClaimsPrincipal user, HospitalCatalog catalog)
    {
        var roles = user.FindAll(MhaClaimTypes.Roles).Select(c => c.Value)
            .Where(r => MhaRoles.All.Contains(r, StringComparer.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        if (user.Identity?.IsAuthenticated != true) roles.Clear();

        int? hospital = int.TryParse(user.FindFirst(MhaClaimTypes.Hospital)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                        && catalog.TryGetHospital(id, out _) ? id : null;

        // Exact canonical names only: a typo tolerated in event data must never widen what a token grants.
        var departmentClaim = user.FindFirst(MhaClaimTypes.Department)?.Value;
        var department = catalog.DepartmentNames.FirstOrDefault(n => string.Equals(n, departmentClaim, StringComparison.OrdinalIgnoreCase));

        var actor = user.FindFirst(MhaClaimTypes.Name)?.Value
                    ?? user.FindFirst(MhaClaimTypes.ObjectId)?.Value
                    ?? user.FindFirst(MhaClaimTypes.Subject)?.Value
                    ?? "anonymous";
        return new AccessScope(actor, roles, hospital, department);
    }
}
