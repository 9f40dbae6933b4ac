using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MHA.Bench.Cli;

namespace MHA.Bench.Reporting;

/// <summary>Collects the results of one run; prints them as one table (a column per profile) and writes them as JSON.</summary>
public sealed class BenchReport(BenchSettings settings, DateTimeOffset startedAt)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
    private readonly List<BenchResult> _results = [];
    private readonly List<string> _failures = [];

    public IReadOnlyList<BenchResult> Results => _results;

    public IReadOnlyList<string> Failures => _failures;

    public void Add(BenchResult result)
    {
        lock (_results) _results.Add(result);
    }

    public void Fail(string stage, string? profile, Exception error)
    {
        lock (_failures) _failures.Add($"{stage}{(profile is null ? "" : $" ({profile})")}: {error.GetType().Name}: {error.Message}");
    }

    /// <summary>The table: one row per measure, one value column per profile, the target and whether every value meets it.</summary>
    public string Table()
    {
        var profiles = settings.Profiles.Select(ProfileName).ToArray();
        var header = new[] { "stage", "measure" }.Concat(profiles).Concat(["unit", "target", "met"]).ToArray();
        var rows = new List<string[]>();
        foreach (var group in _results.GroupBy(r => (r.Stage, r.Measure)))
        {
            var cells = new List<string> { group.Key.Stage, group.Key.Measure };
            foreach (var profile in profiles)
            {
                var result = group.FirstOrDefault(r => r.Profile == profile) ?? group.FirstOrDefault(r => r.Profile is null);
                cells.Add(result is null ? "–" : BenchNumbers.Format(result.Value));
            }

            var first = group.First();
            cells.Add(first.Unit);
            cells.Add(first.Target?.ToString() ?? "");
            cells.Add(first.Target is null ? "" : group.All(r => r.MeetsTarget == true) ? "yes" : "NO");
            rows.Add(cells.ToArray());
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => i >= 2 && i < 2 + profiles.Length ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).AppendLine(" |");
        Line(header);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).AppendLine("|");
        foreach (var row in rows) Line(row);
        foreach (var failure in _failures) text.AppendLine($"FAILED {failure}");
        return text.ToString();
    }

    public async Task WriteJsonAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.JsonPath))!);
        var document = new
        {
            StartedAt = startedAt,
            Size = settings.Size,
            settings.Seed,
            Profiles = settings.Profiles.Select(ProfileName),
            Machine = new
            {
                Environment.ProcessorCount,
                MemoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                Os = RuntimeInformation.OSDescription,
                Runtime = RuntimeInformation.FrameworkDescription,
                ServerGc = System.Runtime.GCSettings.IsServerGC,
            },
            Results = _results,
            Failures = _failures,
        };
        await using var file = File.Create(settings.JsonPath);
        await JsonSerializer.SerializeAsync(file, document, Json, cancellationToken);
    }

    public static string ProfileName(BenchProfile profile) => profile.ToString().ToLowerInvariant();
}
