using System.Text;
using MHA.Grains.Batch;
using MHA.Grains.Catalog;

namespace MHA.UnitTests.Batch;

/// <summary>The department metadata file and its effect on the catalog at runtime.</summary>
public sealed class DepartmentMetadataTests
{
    private static IReadOnlyList<DepartmentMetadata> Parse(string json) => DepartmentMetadataFile.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_metadata_change_updates_only_the_named_department_and_reports_its_hospital()
    {
        var catalog = HospitalCatalog.LoadDefault();
        var changed = catalog.ApplyMetadata(Parse("""{"departments": [{"hospital_id": 4, "department": "icu", "capacity": "24", "staffed_beds": 22, "staff": 40}]}"""));

        Assert.Equal([4], changed);
        var icu = catalog.GetDepartment(4, "ICU");
        Assert.Equal((24, 22, (int?)40), (icu.Capacity, icu.StaffedBeds, icu.Staff));
        Assert.Equal(20, catalog.GetDepartment(3, "ICU").Capacity);
        Assert.Equal(30, catalog.GetDepartment(4, "Surgery").Capacity);
        Assert.Empty(catalog.ApplyMetadata(Parse("""{"departments": [{"hospital_id": 4, "department": "ICU", "capacity": 24, "staffed_beds": 22}]}""")));
    }

    [Theory]
    [InlineData("{", "not a department metadata file")]
    [InlineData("""{"departments": []}""", "no departments listed")]
    [InlineData("""{"departments": [{"department": "ICU", "capacity": 3}]}""", "departments[0]: hospital_id and department are required")]
    [InlineData("""{"departments": [{"hospital_id": 1, "department": "ICU", "capacity": 10, "staffed_beds": 12}]}""", "departments[0]: staffed_beds above capacity")]
    public void A_file_that_cannot_be_used_is_refused_with_its_reason(string json, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(json));
        Assert.StartsWith(reason, error.Message);
    }

    [Fact]
    public void An_unknown_hospital_or_department_changes_nothing()
    {
        var catalog = HospitalCatalog.LoadDefault();
        Assert.Throws<InvalidDataException>(() => catalog.ApplyMetadata(
            [new DepartmentMetadata(1, "ICU", 30, null, null), new DepartmentMetadata(99, "ICU", 30, null, null)]));
        Assert.Throws<InvalidDataException>(() => catalog.ApplyMetadata([new DepartmentMetadata(1, "Radiology", 30, null, null)]));
        Assert.Equal(20, catalog.GetDepartment(1, "ICU").Capacity);
    }
}
