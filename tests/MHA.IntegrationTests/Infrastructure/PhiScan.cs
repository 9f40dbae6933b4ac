using System.Text.Json;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// Looks for patient identifiers where none may be: logs, webhook bodies, Gold's values. The ids are the source
/// patient ids of the events a test sent (read from the events themselves, whatever their shape), found anywhere in a
/// text, inside longer words too. Ids shorter than <see cref="MinimumIdLength"/> are refused rather than skipped: a
/// scan for "7" would match everything, and a scan that skips ids would pass without looking.
/// </summary>
public static class PhiScan
{
    public const int MinimumIdLength = 4;

    /// <summary>The <c>patient_id</c> values of NDJSON events (standard and legacy shape; items that are not JSON objects are skipped).</summary>
    public static IReadOnlySet<string> PatientIds(IEnumerable<string> events)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in events)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("patient_id", out var id))
                {
                    var text = id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
                    if (!string.IsNullOrWhiteSpace(text) && id.ValueKind != JsonValueKind.Null) ids.Add(text);
                }
            }
            catch (JsonException)
            {
                // Dirty data the engine quarantines: no patient id to look for.
            }
        }

        return ids;
    }

    /// <summary>Fails when any text holds a patient id of <paramref name="events"/>.</summary>
    public static void AssertNoPatientIds(IEnumerable<string> texts, IEnumerable<string> events, string where) =>
        AssertNone(texts, PatientIds(events), where);

    /// <summary>Fails when any text holds one of <paramref name="ids"/>; names the first id found and its surroundings.</summary>
    public static void AssertNone(IEnumerable<string> texts, IReadOnlyCollection<string> ids, string where)
    {
        if (ids.Count == 0) throw new ArgumentException("No patient ids to look for: the scan would prove nothing.", nameof(ids));
        var tooShort = ids.Where(i => i.Length < MinimumIdLength).Take(5).ToArray();
        if (tooShort.Length > 0) throw new ArgumentException($"Patient ids shorter than {MinimumIdLength} characters cannot be scanned for: {string.Join(", ", tooShort)}", nameof(ids));

        // One hash lookup per position and distinct id length: linear in the text, whatever the number of ids.
        var byLength = ids.GroupBy(i => i.Length).Select(g => (Length: g.Key, Lookup: g.ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>())).ToArray();
        var scanned = 0;
        foreach (var text in texts)
        {
            scanned++;
            foreach (var (length, lookup) in byLength)
            {
                for (var i = 0; i + length <= text.Length; i++)
                {
                    if (lookup.TryGetValue(text.AsSpan(i, length), out var found))
                    {
                        var from = Math.Max(0, i - 80);
                        var context = text.Substring(from, Math.Min(text.Length, i + length + 80) - from);
                        Assert.Fail($"Patient id '{found}' found in {where}: …{context}…");
                    }
                }
            }
        }

        if (scanned == 0) throw new ArgumentException($"Nothing to scan in {where}: the scan would prove nothing.", nameof(texts));
    }
}
