namespace MHA.Dashboard.Authorization;

/// <summary>
/// Claim types as the engine reads them after sign-in. Development tokens carry them as named; Entra tokens carry roles
/// in <c>roles</c> and the scope in the claims named by <c>Auth:Entra:HospitalClaim</c> / <c>DepartmentClaim</c>, copied here on sign-in.
/// </summary>
public static class MhaClaimTypes
{
    public const string Roles = "roles";
    public const string Hospital = "mha_hospital";
    public const string Department = "mha_department";
    public const string Name = "name";
    public const string Subject = "sub";
    public const string ObjectId = "oid";
}
