namespace MHA.Grains.Catalog;

/// <summary>One department of one hospital as the metadata file describes it: capacity, staffed beds, staff (when the metadata says) and bed-id code.</summary>
[GenerateSerializer, Immutable]
public sealed record DepartmentInfo(
    [property: Id(0)] int HospitalId,
    [property: Id(1)] string HospitalName,
    [property: Id(2)] string Department,
    [property: Id(3)] string Code,
    [property: Id(4)] int Capacity,
    [property: Id(5)] int StaffedBeds,
    [property: Id(6)] double TypicalStayHours,
    [property: Id(7)] int? Staff = null)
{
    /// <summary>The department grain's key: <c>"{hospitalId}/{department}"</c>.</summary>
    public string Key => DepartmentKey.Of(HospitalId, Department);

    /// <summary>The bed id of bed number <paramref name="number"/> in this department, e.g. <c>H1-ICU-07</c>.</summary>
    public string BedId(int number) => $"H{HospitalId}-{Code}-{number:00}";
}
