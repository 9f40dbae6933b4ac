namespace MHA.Grains.Audit;

/// <summary>The actors of changes the engine makes by itself, so the audit log can tell them from people.</summary>
public static class AuditActors
{
    /// <summary>The <c>actor_role</c> of every system actor.</summary>
    public const string SystemRole = "system";

    /// <summary>Department metadata from <c>landing/metadata/departments.json</c> applied to the catalog.</summary>
    public const string MetadataSync = "system:metadata-sync";

    /// <summary>Alert delivery disabling a webhook endpoint that answered 410 Gone.</summary>
    public const string Alerts = "system:alerts";
}
