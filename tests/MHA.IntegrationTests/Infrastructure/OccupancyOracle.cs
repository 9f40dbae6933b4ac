using System.Globalization;
using System.Text.Json;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// The occupancy an event file implies, computed by the test itself from the rules of docs/events.md (written
/// independently of the engine's census): per "hospital/department", the number of patients in a bed at the end.
/// </summary>
public sealed class OccupancyOracle
{
    private static readonly string[] Departments = ["Emergency", "Surgery", "ICU", "Pediatrics", "Maternity", "Oncology", "Cardiology"];

    private static readonly Dictionary<string, string> Spellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Emergency"] = "Emergency", ["Emergancy"] = "Emergency", ["ER"] = "Emergency", ["ED"] = "Emergency", ["Emergeny"] = "Emergency",
        ["Surgery"] = "Surgery", ["SURG"] = "Surgery", ["Surgey"] = "Surgery",
        ["ICU"] = "ICU", ["Intensive Care"] = "ICU", ["I.C.U."] = "ICU",
        ["Pediatrics"] = "Pediatrics", ["PEDS"] = "Pediatrics", ["Paediatrics"] = "Pediatrics", ["PED"] = "Pediatrics", ["Pedaitrics"] = "Pediatrics",
        ["Maternity"] = "Maternity", ["OB/GYN"] = "Maternity", ["OBGYN"] = "Maternity", ["MAT"] = "Maternity", ["Maternaty"] = "Maternity",
        ["Oncology"] = "Oncology", ["ONC"] = "Oncology", ["Onc"] = "Oncology", ["ONCO"] = "Oncology", ["Oncolgy"] = "Oncology",
        ["Cardiology"] = "Cardiology", ["CARDIO"] = "Cardiology", ["CARD"] = "Cardiology", ["Cardiolgy"] = "Cardiology",
    };

    private readonly Dictionary<int, HashSet<string>> _seen = new();
    private readonly Dictionary<(int Hospital, string Patient), (string Department, string Bed, DateTimeOffset Last)> _placed = new();
    private readonly Dictionary<(int Hospital, string Patient), DateTimeOffset> _departed = new();

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Every event the engine should apply once (its Silver rows): "hospital/event id", duplicates counted once.</summary>
    public HashSet<string> AppliedEventKeys => _seen.SelectMany(h => h.Value.Select(id => $"{h.Key}/{id}")).ToHashSet(StringComparer.Ordinal);

    /// <summary>Department spellings met that the oracle does not know (the test fails on any).</summary>
    public HashSet<string> UnknownSpellings { get; } = [];

    public void Apply(string line)
    {
        JsonElement e;
        try
        {
            using var document = JsonDocument.Parse(line);
            e = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Rejected++;
            return;
        }

        var id = Text(e, "event_id");
        var type = Text(e, "event_type")?.ToUpperInvariant();
        var patient = Text(e, "patient_id");
        var hospital = Int(e, "hospital_id");
        var departmentText = Text(e, "department");
        string? department = null;
        if (departmentText is not null && !Spellings.TryGetValue(departmentText.Trim(), out department))
        {
            UnknownSpellings.Add(departmentText);
        }

        var bed = Text(e, "bed_id");
        var movesBed = type is "ADMISSION" or "TRANSFER";
        if (id is null || type is not ("ADMISSION" or "TRANSFER" or "DISCHARGE" or "UPDATE") || string.IsNullOrWhiteSpace(patient)
            || hospital is not (>= 1 and <= 7) || (movesBed && (department is null || string.IsNullOrWhiteSpace(bed))))
        {
            Rejected++;
            return;
        }

        Accepted++;
        var h = hospital.Value;
        if (!(_seen.TryGetValue(h, out var ids) ? ids : _seen[h] = []).Add(id)) return;

        var key = (h, patient);
        var isPlaced = _placed.TryGetValue(key, out var placement);
        DateTimeOffset? last = isPlaced ? placement.Last : _departed.TryGetValue(key, out var d) ? d : null;
        var time = Time(e, "event_time") ?? (type == "ADMISSION" ? Time(e, "admission_time") : type == "DISCHARGE" ? Time(e, "discharge_time") : null);
        if (time is null)
        {
            time = last ?? DateTimeOffset.MaxValue;
        }
        else if (last is not null && time < last)
        {
            return;
        }

        switch (type)
        {
            case "ADMISSION" or "TRANSFER":
                if (isPlaced && placement.Department == department && placement.Bed == bed)
                {
                    _placed[key] = placement with { Last = time.Value };
                    return;
                }

                _placed.Remove(key);
                var holder = _placed.FirstOrDefault(p => p.Key.Hospital == h && p.Value.Department == department && p.Value.Bed == bed);
                if (holder.Value.Bed is not null)
                {
                    _placed.Remove(holder.Key);
                    _departed[holder.Key] = holder.Value.Last;
                }

                _placed[key] = (department!, bed!, time.Value);
                break;
            case "DISCHARGE":
                _placed.Remove(key);
                _departed[key] = time.Value;
                break;
            case "UPDATE":
                if (isPlaced) _placed[key] = placement with { Last = time.Value };
                else _departed[key] = time.Value;
                break;
        }
    }

    public Dictionary<string, int> Occupied()
    {
        var result = Enumerable.Range(1, 7).SelectMany(h => Departments.Select(d => $"{h}/{d}")).ToDictionary(k => k, _ => 0);
        foreach (var placement in _placed)
        {
            result[$"{placement.Key.Hospital}/{placement.Value.Department}"]++;
        }

        return result;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static int? Int(JsonElement e, string name) =>
        int.TryParse(Text(e, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        DateTimeOffset.TryParse(Text(e, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
