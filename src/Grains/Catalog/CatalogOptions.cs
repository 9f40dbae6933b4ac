namespace MHA.Grains.Catalog;

/// <summary>Where the hospital/department metadata comes from. Empty path = the file embedded in the build.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Path of a JSON metadata file shaped like <c>src/Grains/Catalog/hospital-departments.json</c>.</summary>
    public string? Path { get; set; }
}
