using MHA.Grains.Catalog;
using MHA.Grains.Domain;

namespace MHA.Grains.Lake.Gold;

/// <summary>
/// gold/dim_department as SCD Type 2: a version per change of a department's metadata (capacity, staffed beds, names).
/// <c>department_sk</c> is a hash of hospital, department and version start, so it never changes across refreshes or restarts.
/// </summary>
public sealed class DepartmentDimension
{
    /// <summary>Versions that existed before the engine saw its first metadata are valid from this instant.</summary>
    public static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, List<DepartmentVersion>> _versions = new(StringComparer.Ordinal);

    public IEnumerable<DepartmentVersion> Versions => _versions.Values.SelectMany(v => v);

    public void Load(IEnumerable<DepartmentVersion> versions)
    {
        foreach (var version in versions.OrderBy(v => v.EffectiveFrom))
        {
            var key = DepartmentKey.Of(version.HospitalId, version.Department);
            if (!_versions.TryGetValue(key, out var list)) _versions[key] = list = [];
            list.Add(version);
        }
    }

    /// <summary>Brings the dimension up to the catalog; returns true when a version opened or closed.</summary>
    public bool Update(HospitalCatalog catalog, DateTimeOffset now)
    {
        var changed = false;
        foreach (var info in catalog.AllDepartments)
        {
            var key = info.Key;
            if (!_versions.TryGetValue(key, out var list)) _versions[key] = list = [];
            var current = list.Count == 0 ? null : list[^1];
            if (current is not null && current.Matches(info)) continue;

            var from = current is null ? Beginning : now;
            if (current is not null) list[^1] = current with { EffectiveTo = from };
            list.Add(new DepartmentVersion(Key(info.HospitalId, info.Department, from), info.HospitalId, info.HospitalName, info.Department,
                info.Code, info.Capacity, info.StaffedBeds, from, null));
            changed = true;
        }

        return changed;
    }

    /// <summary>The version valid at <paramref name="at"/> (or the first one, for events before any version).</summary>
    public DepartmentVersion At(int hospitalId, string department, DateTimeOffset at) => At(_versions[DepartmentKey.Of(hospitalId, department)], at);

    public DepartmentVersion Current(int hospitalId, string department) => _versions[DepartmentKey.Of(hospitalId, department)][^1];

    /// <summary>A department's versions, for looking up many instants (<see cref="At(IReadOnlyList{DepartmentVersion}, DateTimeOffset)"/>).</summary>
    public IReadOnlyList<DepartmentVersion> VersionsOf(int hospitalId, string department) => _versions[DepartmentKey.Of(hospitalId, department)];

    /// <summary>What <see cref="At(int, string, DateTimeOffset)"/> finds, in a department's <paramref name="versions"/>.</summary>
    public static DepartmentVersion At(IReadOnlyList<DepartmentVersion> versions, DateTimeOffset at)
    {
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (versions[i].EffectiveFrom <= at) return versions[i];
        }

        return versions[0];
    }

    private static long Key(int hospitalId, string department, DateTimeOffset from) =>
        (long)(IdHash.Of($"{hospitalId}|{department}|{from.UtcTicks}") & long.MaxValue);
}

/// <summary>One version of a department in dim_department.</summary>
public sealed record DepartmentVersion(
    long DepartmentSk, int HospitalId, string HospitalName, string Department, string Code, int Capacity, int StaffedBeds,
    DateTimeOffset EffectiveFrom, DateTimeOffset? EffectiveTo)
{
    public bool IsCurrent => EffectiveTo is null;

    public bool Matches(DepartmentInfo info) =>
        info.HospitalName == HospitalName && info.Code == Code && info.Capacity == Capacity && info.StaffedBeds == StaffedBeds;
}
