using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>One patient (key = the pseudonymous patient key, <see cref="Security.PatientKeyHasher.KeyOf"/>): current attributes and SCD Type 2 version history.</summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records what events say about the patient, in order. Returns, per observation, the age Silver records
    /// (an invalid age replaced by the last known valid one, else null).
    /// </summary>
    Task<IReadOnlyList<int?>> ObserveAsync(IReadOnlyList<PatientObservation> observations);

    Task<IReadOnlyList<PatientVersion>> GetHistoryAsync();
}
