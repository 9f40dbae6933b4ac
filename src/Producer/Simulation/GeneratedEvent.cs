namespace MHA.Producer.Simulation;

/// <summary>
/// One emitted event: its simulated time, the hospital id written in it (the raw, possibly invalid value,
/// used as the partition key), its compact JSON text and the dirty-data kind applied (null = clean).
/// </summary>
public sealed record GeneratedEvent(DateTimeOffset EventTime, int HospitalId, string Json, DirtyKind? Dirty);
