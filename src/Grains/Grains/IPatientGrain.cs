using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>One patient (key = source patient id): current attributes and SCD Type 2 version history.</summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Records what events say about the patient, in order; returns the number of new versions opened.</summary>
    Task<int> ObserveAsync(IReadOnlyList<PatientObservation> observations);

    Task<IReadOnlyList<PatientVersion>> GetHistoryAsync();
}
