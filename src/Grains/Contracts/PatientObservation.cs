namespace MHA.Grains.Contracts;

/// <summary>The tracked attributes one event says a patient has, at the event's time.</summary>
[GenerateSerializer, Immutable]
public sealed record PatientObservation(
    [property: Id(0)] string EventId,
    [property: Id(1)] DateTimeOffset ObservedAt,
    [property: Id(2)] string? Gender,
    [property: Id(3)] int? Age,
    [property: Id(4)] string? InsuranceType,
    [property: Id(5)] bool AgeWasInvalid = false)
{
    public static PatientObservation From(AdtEvent e) => new(e.EventId, e.EventTime, e.Gender, e.Age, e.InsuranceType, e.Age is null && e.RawAge is not null);
}
