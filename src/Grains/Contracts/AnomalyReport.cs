namespace MHA.Grains.Contracts;

/// <summary>A hospital's anomaly counts by kind, its duplicate count, and its most recent anomalies.</summary>
[GenerateSerializer, Immutable]
public sealed record AnomalyReport(
    [property: Id(0)] int HospitalId,
    [property: Id(1)] IReadOnlyDictionary<string, long> CountsByKind,
    [property: Id(2)] long DuplicatesIgnored,
    [property: Id(3)] long EventsApplied,
    [property: Id(4)] IReadOnlyList<OccupancyAnomaly> Recent);
