using MHA.Grains.Contracts;

namespace MHA.Grains.Domain;

/// <summary>What applying events did to a hospital census: the departments whose numbers changed and the anomalies met.</summary>
public sealed class CensusChange
{
    public HashSet<string> ChangedDepartments { get; } = new(StringComparer.Ordinal);

    public List<OccupancyAnomaly> Anomalies { get; } = [];

    public int Applied { get; set; }

    public int Duplicates { get; set; }

    /// <summary>Events ignored because this very Bronze row was applied before (redelivery): neither applied nor a duplicate.</summary>
    public int Redelivered { get; set; }
}
