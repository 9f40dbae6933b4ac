namespace MHA.Grains.Audit;

/// <summary>What an audit entry records (the <c>action</c> column of <c>audit/audit_log</c>).</summary>
public static class AuditActions
{
    /// <summary>Bed-level detail of a department was read (patient data: PHI).</summary>
    public const string ViewBeds = "view_beds";

    /// <summary>Configuration changed: department metadata applied, an alert endpoint disabled, …</summary>
    public const string ConfigChange = "config_change";

    /// <summary>A batch file (EHR extract, department metadata) was uploaded through the engine.</summary>
    public const string BatchUpload = "batch_upload";

    /// <summary>A token was issued to someone (the development token endpoint).</summary>
    public const string SignIn = "sign_in";
}
