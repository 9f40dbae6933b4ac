namespace MHA.Grains.Lake.Quality;

/// <summary>Scopes of data-quality counts.</summary>
public static class QualityScopes
{
    public const string Reconciliation = "reconciliation";
    public const string Rule = "dq_rule";
    public const string Hospital = "hospital";
    public const string Source = "source";
    public const string QuarantineReason = "quarantine_reason";

    public const string BronzeRows = "bronze_rows";
    public const string SilverRows = "silver_rows";
    public const string QuarantineRows = "quarantine_rows";
    public const string DroppedDuplicates = "dropped_duplicates";

    /// <summary>Bronze − Silver − quarantine − duplicates: zero when nothing is lost.</summary>
    public const string Unaccounted = "unaccounted";
}
