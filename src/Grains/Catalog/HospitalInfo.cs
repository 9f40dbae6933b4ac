namespace MHA.Grains.Catalog;

/// <summary>A hospital of the network and its departments, in catalog order.</summary>
public sealed record HospitalInfo(int Id, string Name, IReadOnlyList<DepartmentInfo> Departments);
