using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MHA.Grains.Ingestion;

namespace MHA.Grains.Batch;

/// <summary>
/// Reads a daily EHR extract (CSV with a header, or NDJSON) and turns each row into events of the standard shape:
/// a demographics row into one UPDATE, a completed encounter into an ADMISSION and a DISCHARGE. Event ids derive from the
/// row's content (demographics) or the encounter id, so a row ingested twice counts once. A row that cannot be read
/// becomes an item with its error (it goes to quarantine with the line); a file that cannot be read at all (unknown
/// name, not UTF-8, no header or a header lacking a required column, no readable row) is rejected whole. Formats:
/// docs/batch.md.
/// </summary>
public static class EhrExtractParser
{
    public static readonly IReadOnlyList<string> DemographicsColumns = ["patient_id", "hospital_id", "effective_time"];
    public static readonly IReadOnlyList<string> EncounterColumns = ["encounter_id", "patient_id", "hospital_id", "department", "bed_id", "admission_time", "discharge_time"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The kind of extract a file name announces, or null when it is not an extract name this engine reads.</summary>
    public static EhrExtractKind? KindOf(string path, out bool ndjson)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        var extension = Path.GetExtension(name);
        ndjson = extension is ".ndjson" or ".jsonl";
        if (!ndjson && extension != ".csv") return null;
        return name.StartsWith("demographics", StringComparison.Ordinal) ? EhrExtractKind.Demographics
            : name.StartsWith("encounters", StringComparison.Ordinal) ? EhrExtractKind.Encounters
            : null;
    }

    /// <summary>Reads the extract at <paramref name="path"/>; <paramref name="now"/> tells completed encounters from open ones.</summary>
    public static EhrExtract Parse(string path, ReadOnlySpan<byte> content, DateTimeOffset now)
    {
        if (KindOf(path, out var ndjson) is not { } kind)
        {
            return EhrExtract.Reject("unknown extract name: expected demographics*.csv|ndjson or encounters*.csv|ndjson");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return EhrExtract.Reject("not UTF-8 text", kind);
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var required = kind == EhrExtractKind.Demographics ? DemographicsColumns : EncounterColumns;
        var items = new List<ReceivedItem>();
        var rows = 0;
        var readable = 0;
        string[]? header = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            if (!ndjson && header is null)
            {
                header = CsvRecord.Split(lines[i])?.Select(h => h.ToLowerInvariant()).ToArray();
                var missing = header is null ? required : required.Where(c => !header.Contains(c)).ToArray();
                if (missing.Count > 0) return EhrExtract.Reject($"header lacks column(s) {string.Join(", ", missing)}", kind);
                continue;
            }

            rows++;
            var fields = ndjson ? ReadJsonRow(lines[i], out var error) : ReadCsvRow(lines[i], header!, out error);
            if (fields is null)
            {
                items.Add(new ReceivedItem(lineNumber, Encoding.UTF8.GetBytes(lines[i]), $"line {lineNumber}: {error}"));
                continue;
            }

            var events = kind == EhrExtractKind.Demographics ? Demographics(fields, out error) : Encounter(fields, now, out error);
            if (events is null)
            {
                items.Add(new ReceivedItem(lineNumber, Encoding.UTF8.GetBytes(lines[i]), $"line {lineNumber}: {error}"));
                continue;
            }

            readable++;
            items.AddRange(events.Select(e => new ReceivedItem(lineNumber, e)));
        }

        if (!ndjson && header is null) return EhrExtract.Reject("empty file: no header", kind);
        if (rows == 0) return EhrExtract.Reject("empty file: no rows", kind);
        if (readable == 0) return EhrExtract.Reject($"no readable row: {items[0].FramingError}", kind);
        return new EhrExtract(kind, items, rows, null);
    }

    private static Dictionary<string, string>? ReadCsvRow(string line, string[] header, out string? error)
    {
        error = null;
        var values = CsvRecord.Split(line);
        if (values is null)
        {
            error = "unclosed quote";
            return null;
        }

        if (values.Length != header.Length)
        {
            error = $"expected {header.Length} fields, found {values.Length}";
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (values[i].Length > 0) fields[header[i]] = values[i];
        }

        return fields;
    }

    private static Dictionary<string, string>? ReadJsonRow(string line, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
                if (!string.IsNullOrEmpty(value)) fields[property.Name.ToLowerInvariant()] = value;
            }

            return fields;
        }
        catch (JsonException)
        {
            error = "not a JSON object";
            return null;
        }
    }

    private static List<byte[]>? Demographics(Dictionary<string, string> f, out string? error)
    {
        if (Missing(f, DemographicsColumns, out error)) return null;
        if (!TryTime(f["effective_time"], out var effective))
        {
            error = $"effective_time '{f["effective_time"]}' is not a timestamp";
            return null;
        }

        int? age = null;
        if (f.TryGetValue("age", out var ageText))
        {
            if (!int.TryParse(ageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                error = $"age '{ageText}' is not a number";
                return null;
            }

            age = parsed;
        }
        else if (f.TryGetValue("birth_date", out var birthText))
        {
            if (!DateOnly.TryParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
            {
                error = $"birth_date '{birthText}' is not a yyyy-MM-dd date";
                return null;
            }

            age = AgeAt(birth, DateOnly.FromDateTime(effective.UtcDateTime));
        }

        var identity = string.Join('|', f["hospital_id"], f["patient_id"], effective.ToString("O", CultureInfo.InvariantCulture),
            f.GetValueOrDefault("gender"), age, f.GetValueOrDefault("insurance_type"));
        var id = "ehr-demo-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..20];
        return [Event(id, "UPDATE", effective, f, age, null)];
    }

    private static List<byte[]>? Encounter(Dictionary<string, string> f, DateTimeOffset now, out string? error)
    {
        if (Missing(f, EncounterColumns, out error)) return null;
        if (!TryTime(f["admission_time"], out var admitted))
        {
            error = $"admission_time '{f["admission_time"]}' is not a timestamp";
            return null;
        }

        if (!TryTime(f["discharge_time"], out var discharged))
        {
            error = $"discharge_time '{f["discharge_time"]}' is not a timestamp";
            return null;
        }

        if (discharged > now)
        {
            error = "discharge_time lies in the future: not a completed encounter";
            return null;
        }

        int? age = null;
        if (f.TryGetValue("age", out var ageText) && int.TryParse(ageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) age = parsed;
        var id = $"ehr-{f["hospital_id"]}-{f["encounter_id"]}";
        var stay = (admitted, discharged);
        return [Event(id + "-admission", "ADMISSION", admitted, f, age, stay), Event(id + "-discharge", "DISCHARGE", discharged, f, age, stay)];
    }

    private static byte[] Event(string id, string type, DateTimeOffset time, Dictionary<string, string> f, int? age,
        (DateTimeOffset Admitted, DateTimeOffset Discharged)? stay)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event_id", id);
            json.WriteString("event_type", type);
            json.WriteString("event_time", time);
            json.WriteString("patient_id", f["patient_id"]);
            if (int.TryParse(f["hospital_id"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var hospital)) json.WriteNumber("hospital_id", hospital);
            else json.WriteString("hospital_id", f["hospital_id"]);
            if (stay is { } s)
            {
                json.WriteString("department", f["department"]);
                json.WriteString("bed_id", f["bed_id"]);
            }

            if (f.TryGetValue("gender", out var gender)) json.WriteString("gender", gender);
            if (age is { } a) json.WriteNumber("age", a);
            if (f.TryGetValue("insurance_type", out var insurance)) json.WriteString("insurance_type", insurance);
            if (stay is { } times)
            {
                json.WriteString("admission_time", times.Admitted);
                json.WriteString("discharge_time", times.Discharged);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool Missing(Dictionary<string, string> f, IReadOnlyList<string> required, out string? error)
    {
        var missing = required.Where(c => !f.ContainsKey(c)).ToArray();
        error = missing.Length > 0 ? $"missing {string.Join(", ", missing)}" : null;
        return missing.Length > 0;
    }

    private static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static int AgeAt(DateOnly birth, DateOnly at)
    {
        var age = at.Year - birth.Year;
        return at < birth.AddYears(age) ? age - 1 : age;
    }
}
