namespace MHA.Grains.Contracts;

/// <summary>A <see cref="PatientObservation"/> with the patient it is about, as hospitals hand it to the patient shards.</summary>
[GenerateSerializer, Immutable]
public sealed record PatientObservationOf(
    [property: Id(0)] string PatientId,
    [property: Id(1)] PatientObservation Observation);
