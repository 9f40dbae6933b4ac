using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MHA.Grains.Catalog;

/// <summary>
/// The network's hospitals and departments with their capacities, read from the department metadata file,
/// and the mapping of department spellings (typos, abbreviations) to canonical department names.
/// </summary>
public sealed class HospitalCatalog
{
    private readonly Lock _update = new();
    private volatile FrozenDictionary<int, HospitalInfo> _hospitals;
    private readonly FrozenDictionary<string, string> _departmentNames;
    private readonly string[] _canonicalDepartments;

    private HospitalCatalog(CatalogFile file)
    {
        if (file.Hospitals.Count == 0 || file.Departments.Count == 0)
        {
            throw new InvalidDataException("The department metadata file lists no hospitals or no departments.");
        }

        _canonicalDepartments = file.Departments.Select(d => d.Name).ToArray();
        _hospitals = file.Hospitals.ToFrozenDictionary(
            h => h.Id,
            h => new HospitalInfo(h.Id, h.Name, file.Departments
                .Select(d => new DepartmentInfo(h.Id, h.Name, d.Name, d.Code, d.Capacity, d.StaffedBeds ?? d.Capacity, d.TypicalStayHours))
                .ToArray()));

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in file.Departments)
        {
            names[d.Name.Trim()] = d.Name;
            names[d.Code.Trim()] = d.Name;
            foreach (var alias in d.Aliases ?? [])
            {
                names[alias.Trim()] = d.Name;
            }
        }

        _departmentNames = names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<HospitalInfo> Hospitals => _hospitals.Values.OrderBy(h => h.Id).ToArray();

    public IReadOnlyList<string> DepartmentNames => _canonicalDepartments;

    public IEnumerable<DepartmentInfo> AllDepartments => Hospitals.SelectMany(h => h.Departments);

    public bool TryGetHospital(int hospitalId, out HospitalInfo hospital) => _hospitals.TryGetValue(hospitalId, out hospital!);

    public HospitalInfo GetHospital(int hospitalId) =>
        _hospitals.TryGetValue(hospitalId, out var h) ? h : throw new KeyNotFoundException($"Hospital {hospitalId} is not in the catalog.");

    public DepartmentInfo GetDepartment(int hospitalId, string canonicalDepartment) =>
        GetHospital(hospitalId).Departments.FirstOrDefault(d => d.Department == canonicalDepartment)
        ?? throw new KeyNotFoundException($"Department '{canonicalDepartment}' is not in the catalog.");

    /// <summary>
    /// Maps a department as written by a sender to its canonical name: exact or case-insensitive name, code,
    /// a known alias, or a unique near spelling: same first letter and one typo (two for names of 9+ letters),
    /// where a swap of neighbouring letters is one typo. "Radiology" is not a typo of "Cardiology".
    /// </summary>
    public DepartmentMatch MatchDepartment(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return DepartmentMatch.None;
        }

        if (Array.IndexOf(_canonicalDepartments, written) >= 0)
        {
            return new DepartmentMatch(written, Corrected: false);
        }

        var trimmed = written.Trim();
        if (_departmentNames.TryGetValue(trimmed, out var canonical))
        {
            return new DepartmentMatch(canonical, Corrected: true);
        }

        if (trimmed.Length >= 6)
        {
            var candidates = _canonicalDepartments
                .Where(name => char.ToUpperInvariant(name[0]) == char.ToUpperInvariant(trimmed[0]))
                .Select(name => (name, distance: TypoDistance(trimmed.ToUpperInvariant(), name.ToUpperInvariant())))
                .Where(c => c.distance <= (c.name.Length >= 9 ? 2 : 1))
                .OrderBy(c => c.distance)
                .ToArray();
            if (candidates.Length == 1 || (candidates.Length > 1 && candidates[0].distance < candidates[1].distance))
            {
                return new DepartmentMatch(candidates[0].name, Corrected: true);
            }
        }

        return DepartmentMatch.None;
    }

    /// <summary>
    /// Applies department metadata at runtime (capacity, staffed beds, staff); returns the hospitals whose departments
    /// changed. Readers see the old or the new catalog, never half of it. An unknown hospital or department rejects the
    /// whole update.
    /// </summary>
    public IReadOnlyList<int> ApplyMetadata(IReadOnlyList<DepartmentMetadata> updates)
    {
        lock (_update)
        {
            var hospitals = _hospitals.ToDictionary(h => h.Key, h => h.Value);
            var changed = new SortedSet<int>();
            foreach (var update in updates)
            {
                if (!hospitals.TryGetValue(update.HospitalId, out var hospital)) throw new InvalidDataException($"unknown hospital_id {update.HospitalId}");
                var match = MatchDepartment(update.Department);
                if (!match.Found) throw new InvalidDataException($"unknown department '{update.Department}'");
                var departments = hospital.Departments.ToArray();
                var index = Array.FindIndex(departments, d => d.Department == match.Department);
                var current = departments[index];
                var next = current with
                {
                    Capacity = update.Capacity ?? current.Capacity,
                    StaffedBeds = update.StaffedBeds ?? update.Capacity ?? current.StaffedBeds,
                    Staff = update.Staff ?? current.Staff,
                };
                if (next == current) continue;
                departments[index] = next;
                hospitals[hospital.Id] = hospital with { Departments = departments };
                changed.Add(hospital.Id);
            }

            _hospitals = hospitals.ToFrozenDictionary();
            return changed.ToArray();
        }
    }

    public static HospitalCatalog LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MHA.Grains.Catalog.hospital-departments.json")
            ?? throw new InvalidOperationException("The embedded department metadata file is missing from the build.");
        return Load(stream);
    }

    public static HospitalCatalog LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    public static HospitalCatalog Load(Stream json) =>
        new(JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions) ?? throw new InvalidDataException("Empty department metadata file."));

    public static HospitalCatalog Create(CatalogOptions options) =>
        string.IsNullOrWhiteSpace(options.Path) ? LoadDefault() : LoadFile(options.Path);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps each cost one.</summary>
    private static int TypoDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private sealed record CatalogFile(
        [property: JsonPropertyName("hospitals")] List<HospitalEntry> Hospitals,
        [property: JsonPropertyName("departments")] List<DepartmentEntry> Departments);

    private sealed record HospitalEntry(int Id, string Name);

    private sealed record DepartmentEntry(string Name, string Code, int Capacity, int? StaffedBeds, double TypicalStayHours, List<string>? Aliases);
}

/// <summary>The canonical department a written department name maps to, and whether it had to be corrected.</summary>
public readonly record struct DepartmentMatch(string? Department, bool Corrected)
{
    public static DepartmentMatch None => new(null, false);

    public bool Found => Department is not null;
}
