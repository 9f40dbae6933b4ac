namespace MHA.Grains.Lake.Quality;

/// <summary>One number of a data-quality report: a scope (rule, hospital, source, quarantine reason, reconciliation), a key and a row count.</summary>
public sealed record QualityCount(string Scope, string Key, long Rows);

/// <summary>A data-quality report: for one refresh (what it added) or one ingest day (everything received that day).</summary>
public sealed record QualityReport(string ReportId, DateTimeOffset GeneratedAt, string? Day, IReadOnlyList<QualityCount> Counts)
{
    public long Count(string scope, string key) => Counts.FirstOrDefault(c => c.Scope == scope && c.Key == key)?.Rows ?? 0;
}
