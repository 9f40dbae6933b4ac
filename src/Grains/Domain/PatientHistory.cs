using MHA.Grains.Contracts;

namespace MHA.Grains.Domain;

/// <summary>
/// A patient's SCD Type 2 history of tracked attributes (gender, age, insurance type). A new version opens only when
/// an observed attribute differs from the current version; a missing attribute is "not said", not a change;
/// an invalid age falls back to the last known valid age. Late observations never rewrite history.
/// </summary>
public sealed class PatientHistory
{
    private readonly List<PatientVersion> _versions;

    public PatientHistory(IEnumerable<PatientVersion>? versions = null) => _versions = versions?.ToList() ?? [];

    public IReadOnlyList<PatientVersion> Versions => _versions;

    public PatientVersion? Current => _versions.Count == 0 ? null : _versions[^1];

    /// <summary>The last valid age the history knows, if any (what an invalid age is replaced by).</summary>
    public int? LastKnownAge => Current?.Age;

    /// <summary>
    /// The age to record for an observation: its own when valid; for an invalid one the last known valid age
    /// (null when the history has none); never an invented value.
    /// </summary>
    public int? CleanedAge(PatientObservation observation) =>
        observation.Age ?? (observation.AgeWasInvalid ? LastKnownAge : null);

    /// <summary>Records an observation; returns true when it opened a new version.</summary>
    public bool Observe(PatientObservation observation)
    {
        var current = Current;
        if (current is null)
        {
            _versions.Add(new PatientVersion(1, observation.Gender, observation.Age, observation.InsuranceType, observation.ObservedAt, null, observation.EventId));
            return true;
        }

        if (observation.ObservedAt < current.EffectiveFrom)
        {
            return false;
        }

        var gender = observation.Gender ?? current.Gender;
        var age = observation.Age ?? current.Age;
        var insurance = observation.InsuranceType ?? current.InsuranceType;
        if (gender == current.Gender && age == current.Age && insurance == current.InsuranceType)
        {
            return false;
        }

        if (observation.ObservedAt == current.EffectiveFrom)
        {
            // Two observations at the same instant: the later one corrects the version instead of opening a zero-length one.
            _versions[^1] = current with { Gender = gender, Age = age, InsuranceType = insurance, SourceEventId = observation.EventId };
            return false;
        }

        _versions[^1] = current with { EffectiveTo = observation.ObservedAt };
        _versions.Add(new PatientVersion(current.Version + 1, gender, age, insurance, observation.ObservedAt, null, observation.EventId));
        return true;
    }
}
