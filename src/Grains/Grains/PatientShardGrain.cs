using MHA.Grains.Contracts;
using MHA.Grains.Domain;

namespace MHA.Grains.Grains;

/// <summary>
/// Holds the SCD Type 2 history (<see cref="PatientHistory"/>) of every patient in its shard, in memory. A hospital hands
/// a batch's observations to each shard in one call, instead of one grain call per patient: the per-patient grain cost
/// most of ingest's CPU and about 2 KB of memory per patient (docs/performance.md). Silver is the durable record: a
/// hospital that activates re-observes its Silver rows (observing the same event again changes nothing), and Gold builds
/// <c>dim_patient</c> from Silver.
/// </summary>
public sealed class PatientShardGrain : Grain, IPatientShardGrain
{
    private readonly Dictionary<string, PatientHistory> _patients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<int?>> ObserveAsync(IReadOnlyList<PatientObservationOf> observations)
    {
        var ages = new int?[observations.Count];
        for (var i = 0; i < observations.Count; i++)
        {
            var (patientId, observation) = observations[i];
            if (!_patients.TryGetValue(patientId, out var history)) _patients[patientId] = history = new PatientHistory();
            ages[i] = history.CleanedAge(observation);
            // Gender and insurance type take a handful of values: one string each, not one per version.
            history.Observe(observation with { Gender = Shared(observation.Gender), InsuranceType = Shared(observation.InsuranceType) });
        }

        return Task.FromResult<IReadOnlyList<int?>>(ages);
    }

    public Task<IReadOnlyList<PatientVersion>> GetHistoryAsync(string patientId) =>
        Task.FromResult(_patients.TryGetValue(patientId, out var history) ? history.Versions : (IReadOnlyList<PatientVersion>)[]);

    private string? Shared(string? value)
    {
        if (value is null) return null;
        if (_values.TryGetValue(value, out var shared)) return shared;
        if (_values.Count < 1_000) _values[value] = value;
        return value;
    }
}
