namespace MHA.Dashboard.Authorization;

/// <summary>The application roles (Entra app roles, the <c>roles</c> claim) and what each may do; docs/security.md has the full matrix.</summary>
public static class MhaRoles
{
    /// <summary>Everything, every hospital.</summary>
    public const string NetworkAdmin = "NetworkAdmin";

    /// <summary>One hospital: its board, bed-level detail and quality reports.</summary>
    public const string HospitalManager = "HospitalManager";

    /// <summary>One hospital and department: the hospital's department-level board, bed-level detail of the own department only.</summary>
    public const string ChargeNurse = "ChargeNurse";

    /// <summary>KPIs, occupancy counts and quality reports of every hospital; never bed-level patient data.</summary>
    public const string Analyst = "Analyst";

    /// <summary>A service identity: posts events and batch files, reads nothing.</summary>
    public const string Ingestor = "Ingestor";

    public static readonly IReadOnlyList<string> All = [NetworkAdmin, HospitalManager, ChargeNurse, Analyst, Ingestor];

    /// <summary>Roles whose access is limited to the hospital (and department) named in the token.</summary>
    public static bool IsScoped(string role) => role is HospitalManager or ChargeNurse;
}
