using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>
/// The patients whose id falls in one shard (<see cref="PatientShards"/>; key = the shard number): each patient's
/// current attributes and SCD Type 2 version history, across every hospital of the network.
/// </summary>
public interface IPatientShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records what events say about their patients, in order. Returns, per observation, the age Silver records
    /// (an invalid age replaced by the patient's last known valid one, else null).
    /// </summary>
    Task<IReadOnlyList<int?>> ObserveAsync(IReadOnlyList<PatientObservationOf> observations);

    /// <summary>One patient's SCD Type 2 versions (empty when the shard has not seen the patient).</summary>
    Task<IReadOnlyList<PatientVersion>> GetHistoryAsync(string patientId);
}
