namespace MHA.Grains.Catalog;

/// <summary>One department's metadata as the landing zone's metadata file states it; a null value leaves the catalog's value as it is.</summary>
public sealed record DepartmentMetadata(int HospitalId, string Department, int? Capacity, int? StaffedBeds, int? Staff);
