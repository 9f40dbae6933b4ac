using System.Text.Json;
using System.Text.Json.Serialization;
using MHA.Grains.Catalog;

namespace MHA.Grains.Batch;

/// <summary>
/// Reads <c>landing/metadata/departments.json</c>: <c>{"departments": [{"hospital_id": 1, "department": "ICU",
/// "capacity": 24, "staffed_beds": 22, "staff": 41}, …]}</c> (docs/batch.md). Throws <see cref="InvalidDataException"/>
/// with the reason when the file cannot be used; then nothing of it is applied.
/// </summary>
public static class DepartmentMetadataFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static IReadOnlyList<DepartmentMetadata> Parse(ReadOnlySpan<byte> content)
    {
        MetadataFile? file;
        try
        {
            file = JsonSerializer.Deserialize<MetadataFile>(content, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not a department metadata file: {ex.Message}");
        }

        if (file?.Departments is not { Count: > 0 } rows) throw new InvalidDataException("no departments listed");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.HospitalId is null || string.IsNullOrWhiteSpace(row.Department)) throw new InvalidDataException($"departments[{i}]: hospital_id and department are required");
            if (row.Capacity is < 0 || row.StaffedBeds is < 0 || row.Staff is < 0) throw new InvalidDataException($"departments[{i}]: negative numbers");
            if (row.StaffedBeds > (row.Capacity ?? int.MaxValue)) throw new InvalidDataException($"departments[{i}]: staffed_beds above capacity");
        }

        return rows.Select(r => new DepartmentMetadata(r.HospitalId!.Value, r.Department!, r.Capacity, r.StaffedBeds, r.Staff)).ToArray();
    }

    private sealed record MetadataFile(List<Row>? Departments);

    private sealed record Row(int? HospitalId, string? Department, int? Capacity, int? StaffedBeds, int? Staff);
}
