namespace MHA.Grains.Batch;

/// <summary>The landing zone's layout on the lake storage (docs/batch.md).</summary>
public static class LandingZonePaths
{
    /// <summary>Daily EHR extracts: <c>landing/ehr/YYYY-MM-DD/&lt;file&gt;</c>.</summary>
    public const string Ehr = "landing/ehr/";

    /// <summary>One manifest per processed file content: <c>landing/_processed/&lt;sha256&gt;.json</c>.</summary>
    public const string Processed = "landing/_processed/";

    /// <summary>Rejected files with their reason: <c>landing/_quarantine/YYYY-MM-DD/&lt;file&gt;</c> and <c>…reason.txt</c>.</summary>
    public const string Quarantine = "landing/_quarantine/";

    /// <summary>Department metadata (capacity, staffed beds, staff).</summary>
    public const string DepartmentMetadata = "landing/metadata/departments.json";

    public static string ManifestOf(string sha256) => $"{Processed}{sha256}.json";
}
