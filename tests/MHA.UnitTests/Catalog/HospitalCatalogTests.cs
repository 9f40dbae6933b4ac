using MHA.Grains.Catalog;

namespace MHA.UnitTests.Catalog;

public sealed class HospitalCatalogTests
{
    [Fact]
    public void Default_catalog_has_seven_hospitals_with_the_domain_capacities()
    {
        var catalog = HospitalCatalog.LoadDefault();
        Assert.Equal(7, catalog.Hospitals.Count);
        var expected = new Dictionary<string, int>
        {
            ["Emergency"] = 40, ["Surgery"] = 30, ["ICU"] = 20, ["Pediatrics"] = 25, ["Maternity"] = 20, ["Oncology"] = 25, ["Cardiology"] = 25,
        };
        foreach (var hospital in catalog.Hospitals)
        {
            Assert.Equal(expected, hospital.Departments.ToDictionary(d => d.Department, d => d.Capacity));
        }

        Assert.Equal("MHA Central Hospital", catalog.GetHospital(1).Name);
        Assert.Equal("Metro Hospital", catalog.GetHospital(7).Name);
    }

    [Fact]
    public void Bed_ids_follow_the_hospital_code_number_pattern()
    {
        Assert.Equal("H1-ICU-07", HospitalCatalog.LoadDefault().GetDepartment(1, "ICU").BedId(7));
    }

    [Fact]
    public void Unrecognisable_departments_do_not_match()
    {
        var catalog = HospitalCatalog.LoadDefault();
        Assert.False(catalog.MatchDepartment("Radiology").Found);
        Assert.False(catalog.MatchDepartment("Neurology").Found);
        Assert.False(catalog.MatchDepartment("").Found);
        Assert.False(catalog.MatchDepartment(null).Found);
    }
}
