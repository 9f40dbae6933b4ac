using MHA.Grains.Contracts;
using MHA.Grains.Domain;

namespace MHA.Grains.Grains;

/// <summary>Keeps one patient's SCD Type 2 history (see <see cref="PatientHistory"/>).</summary>
public sealed class PatientGrain : Grain, IPatientGrain
{
    private readonly PatientHistory _history = new();

    public Task<int> ObserveAsync(IReadOnlyList<PatientObservation> observations)
    {
        var opened = 0;
        foreach (var observation in observations)
        {
            if (_history.Observe(observation)) opened++;
        }

        return Task.FromResult(opened);
    }

    public Task<IReadOnlyList<PatientVersion>> GetHistoryAsync() => Task.FromResult(_history.Versions);
}
