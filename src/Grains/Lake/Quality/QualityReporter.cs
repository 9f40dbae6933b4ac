using System.Text.RegularExpressions;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Storage;

namespace MHA.Grains.Lake.Quality;

/// <summary>
/// Counts what the lake received and where it went, per ingest day: rows per data-quality rule, per hospital, per source,
/// quarantine reasons, and the reconciliation Bronze = Silver + quarantine + dropped duplicates. Reads only files it has
/// not read yet; writes a report per refresh and rewrites the daily reports of the days that changed.
/// </summary>
public sealed partial class QualityReporter(ILakeStorage storage, TimeProvider time)
{
    public const string RefreshReportsFolder = "quality/refresh_reports/";
    public const string DailyReportsFolder = "quality/daily_reports/";

    private static readonly ParquetTable<(string ReportId, DateTimeOffset GeneratedAt, QualityCount Count)> RefreshTable =
        new ParquetTable<(string ReportId, DateTimeOffset GeneratedAt, QualityCount Count)>()
            .String("report_id", r => r.ReportId)
            .Timestamp("generated_at", r => r.GeneratedAt)
            .String("scope", r => r.Count.Scope)
            .String("key", r => r.Count.Key)
            .Long("rows", r => r.Count.Rows);

    private static readonly ParquetTable<(DateOnly Day, DateTimeOffset GeneratedAt, QualityCount Count)> DailyTable =
        new ParquetTable<(DateOnly Day, DateTimeOffset GeneratedAt, QualityCount Count)>()
            .Date("report_date", r => r.Day)
            .Timestamp("generated_at", r => r.GeneratedAt)
            .String("scope", r => r.Count.Scope)
            .String("key", r => r.Count.Key)
            .Long("rows", r => r.Count.Rows);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Table, int Writer), long> _watermarks = new();
    private readonly Dictionary<DateOnly, Dictionary<(string Scope, string Key), long>> _days = new();

    public QualityReport? LastRefreshReport { get; private set; }

    public IReadOnlyList<QualityReport> DailyReports
    {
        get
        {
            lock (_days)
            {
                return _days.OrderByDescending(d => d.Key).Select(d => ToReport($"daily-{d.Key:yyyy-MM-dd}", time.GetUtcNow(), d.Key.ToString("yyyy-MM-dd"), d.Value)).ToArray();
            }
        }
    }

    /// <summary>Counts the files that landed since the last call, writes the refresh report and the changed daily reports.</summary>
    public async Task<QualityReport> ReportAsync(string reportId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var delta = new Dictionary<(string, string), long>();
            var touched = new HashSet<DateOnly>();
            await CountAsync(LakePaths.Bronze, row =>
            {
                Add(delta, touched, row, QualityScopes.Reconciliation, QualityScopes.BronzeRows);
                Add(delta, touched, row, QualityScopes.Source, row.String("source") ?? "unknown");
            }, cancellationToken);
            await CountAsync(LakePaths.Silver, row =>
            {
                Add(delta, touched, row, QualityScopes.Reconciliation, QualityScopes.SilverRows);
                Add(delta, touched, row, QualityScopes.Hospital, row.Int("hospital_id")?.ToString() ?? "unknown");
                foreach (var flag in (row.String("dq_flags") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(delta, touched, row, QualityScopes.Rule, flag);
                }
            }, cancellationToken);
            await CountAsync(LakePaths.Quarantine, row =>
            {
                Add(delta, touched, row, QualityScopes.Reconciliation, QualityScopes.QuarantineRows);
                Add(delta, touched, row, QualityScopes.QuarantineReason, ReasonCategory(row.String("reason")));
            }, cancellationToken);
            await CountAsync(LakePaths.DroppedDuplicates, row => Add(delta, touched, row, QualityScopes.Reconciliation, QualityScopes.DroppedDuplicates), cancellationToken);

            var now = time.GetUtcNow();
            var report = ToReport(reportId, now, null, delta);
            await storage.WriteAsync($"{RefreshReportsFolder}report_date={now:yyyy-MM-dd}/{reportId}.parquet",
                await RefreshTable.WriteAsync(report.Counts.Select(c => (reportId, now, c)).ToArray()), cancellationToken);
            foreach (var day in touched)
            {
                Dictionary<(string Scope, string Key), long> counts;
                lock (_days) counts = new(_days[day]);
                var daily = ToReport($"daily-{day:yyyy-MM-dd}", now, day.ToString("yyyy-MM-dd"), counts);
                await storage.WriteAsync($"{DailyReportsFolder}report_date={day:yyyy-MM-dd}/part-00000.parquet",
                    await DailyTable.WriteAsync(daily.Counts.Select(c => (day, now, c)).ToArray()), cancellationToken);
            }

            LastRefreshReport = report;
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Counts rows not counted before. Sequence numbers only grow per writer (<see cref="LakeSequence"/>), so each
    /// writer has its own watermark; a compacted file (rows of several writers) is checked row by row.
    /// </summary>
    private async Task CountAsync(string table, Action<Dictionary<string, object?>> count, CancellationToken cancellationToken)
    {
        var newest = new Dictionary<(string, int), long>();
        foreach (var file in await storage.ListAsync(table, cancellationToken))
        {
            var last = LakePaths.LastSeqOf(file.Path);
            if (last <= _watermarks.GetValueOrDefault((table, LakeSequence.WriterOf(last)))) continue;
            foreach (var row in await ParquetRows.ReadAsync(await storage.ReadAsync(file.Path, cancellationToken), cancellationToken))
            {
                var seq = row.Long("ingest_seq") ?? 0;
                var key = (table, LakeSequence.WriterOf(seq));
                if (seq <= _watermarks.GetValueOrDefault(key)) continue;
                count(row);
                newest[key] = Math.Max(newest.GetValueOrDefault(key), seq);
            }
        }

        foreach (var (key, seq) in newest) _watermarks[key] = seq;
    }

    private void Add(Dictionary<(string, string), long> delta, HashSet<DateOnly> touched, Dictionary<string, object?> row, string scope, string key)
    {
        delta[(scope, key)] = delta.GetValueOrDefault((scope, key)) + 1;
        var day = DateOnly.FromDateTime((row.Timestamp("received_at") ?? time.GetUtcNow()).UtcDateTime);
        touched.Add(day);
        lock (_days)
        {
            if (!_days.TryGetValue(day, out var counts)) _days[day] = counts = new();
            counts[(scope, key)] = counts.GetValueOrDefault((scope, key)) + 1;
        }
    }

    private static QualityReport ToReport(string id, DateTimeOffset at, string? day, Dictionary<(string Scope, string Key), long> counts)
    {
        var list = counts.Select(c => new QualityCount(c.Key.Scope, c.Key.Key, c.Value)).ToList();
        long Get(string key) => counts.GetValueOrDefault((QualityScopes.Reconciliation, key));
        list.Add(new QualityCount(QualityScopes.Reconciliation, QualityScopes.Unaccounted,
            Get(QualityScopes.BronzeRows) - Get(QualityScopes.SilverRows) - Get(QualityScopes.QuarantineRows) - Get(QualityScopes.DroppedDuplicates)));
        return new QualityReport(id, at, day, list.OrderBy(c => c.Scope, StringComparer.Ordinal).ThenByDescending(c => c.Rows).ThenBy(c => c.Key, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Groups reasons that differ only in the offending value or line ("unknown hospital_id 99" → "unknown hospital_id",
    /// "line 7: age 'P-1' is not a number" → "age is not a number"). The quality page shows these keys to every board
    /// user, so no quoted value may survive: it can be a patient id from a shifted column.
    /// </summary>
    internal static string ReasonCategory(string? reason)
    {
        if (reason is null) return "unknown";
        if (reason.StartsWith("malformed JSON", StringComparison.Ordinal)) return "malformed JSON";
        var withoutValues = QuotedValue().Replace(LineNumber().Replace(reason, ""), "");
        return Spaces().Replace(TrailingNumber().Replace(withoutValues, ""), " ").Trim();
    }

    [GeneratedRegex(@"\bline \d+: ")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"\s*'[^']*'")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"\s+-?\d+$")]
    private static partial Regex TrailingNumber();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
