namespace MHA.Grains.Audit;

/// <summary>Whether the audited request was carried out (the <c>outcome</c> column of <c>audit/audit_log</c>).</summary>
public static class AuditOutcomes
{
    public const string Allowed = "allowed";

    /// <summary>Refused: by authorization, or (system changes) because the change was invalid and nothing was applied.</summary>
    public const string Denied = "denied";

    public static bool IsKnown(string outcome) => outcome is Allowed or Denied;
}
