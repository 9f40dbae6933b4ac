using MHA.Grains.Contracts;
using MHA.Grains.Domain;

namespace MHA.Grains.Grains;

/// <summary>Keeps one patient's SCD Type 2 history (see <see cref="PatientHistory"/>).</summary>
public sealed class PatientGrain : Grain, IPatientGrain
{
    private readonly PatientHistory _history = new();

    public Task<IReadOnlyList<int?>> ObserveAsync(IReadOnlyList<PatientObservation> observations)
    {
        var ages = new int?[observations.Count];
        for (var i = 0; i < observations.Count; i++)
        {
            ages[i] = _history.CleanedAge(observations[i]);
            _history.Observe(observations[i]);
        }

        return Task.FromResult<IReadOnlyList<int?>>(ages);
    }

    public Task<IReadOnlyList<PatientVersion>> GetHistoryAsync() => Task.FromResult(_history.Versions);
}
