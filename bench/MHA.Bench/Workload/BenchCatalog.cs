using System.Text.Json;
using System.Text.Json.Nodes;
using MHA.Grains.Catalog;

namespace MHA.Bench.Workload;

/// <summary>
/// A department metadata file for a network of any size: the shipped departments (names, codes, aliases), their
/// capacities multiplied by a factor, and hospitals 1..N. The shipped 7-hospital file when nothing is scaled.
/// </summary>
public sealed record BenchCatalog(HospitalCatalog Catalog, string? Path, int Hospitals, int Beds)
{
    public static BenchCatalog Create(string folder, int hospitals, int capacityFactor = 1)
    {
        using var shipped = typeof(HospitalCatalog).Assembly.GetManifestResourceStream("MHA.Grains.Catalog.hospital-departments.json")
            ?? throw new InvalidOperationException("The shipped department metadata is missing from MHA.Grains.");
        var file = JsonNode.Parse(shipped)!.AsObject();
        var departments = file["departments"]!.AsArray();
        var shippedHospitals = file["hospitals"]!.AsArray();
        if (hospitals == shippedHospitals.Count && capacityFactor == 1)
        {
            var catalog = HospitalCatalog.LoadDefault();
            return new BenchCatalog(catalog, null, hospitals, catalog.AllDepartments.Sum(d => d.Capacity));
        }

        foreach (var department in departments)
        {
            foreach (var field in new[] { "capacity", "staffed_beds" })
            {
                if (department![field] is { } value) department[field] = value.GetValue<int>() * capacityFactor;
            }
        }

        var names = shippedHospitals.Select(h => h!["name"]!.GetValue<string>()).ToArray();
        file["hospitals"] = new JsonArray(Enumerable.Range(1, hospitals)
            .Select(id => (JsonNode)new JsonObject { ["id"] = id, ["name"] = id <= names.Length ? names[id - 1] : $"Bench Hospital {id}" }).ToArray());
        var path = System.IO.Path.Combine(folder, $"catalog-{hospitals}x{capacityFactor}.json");
        File.WriteAllText(path, file.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        var loaded = HospitalCatalog.LoadFile(path);
        return new BenchCatalog(loaded, path, hospitals, loaded.AllDepartments.Sum(d => d.Capacity));
    }
}
