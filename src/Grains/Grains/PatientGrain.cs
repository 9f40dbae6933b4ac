using MHA.Grains.Contracts;
using MHA.Grains.Domain;

namespace MHA.Grains.Grains;

/// <summary>
/// Keeps one patient's SCD Type 2 history (see <see cref="PatientHistory"/>) in grain storage, written whenever an
/// observation changed it, so the history survives a silo crash in the durable profiles. Observing the same event
/// again (redelivery, or a hospital rebuilding its census) changes nothing.
/// </summary>
public sealed class PatientGrain(
    [PersistentState("patient", GrainStorageNames.Occupancy)] IPersistentState<PatientGrainState> state) : Grain, IPatientGrain
{
    private PatientHistory _history = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _history = new PatientHistory(state.State.Versions);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<int?>> ObserveAsync(IReadOnlyList<PatientObservation> observations)
    {
        var ages = new int?[observations.Count];
        var before = _history.Versions.ToArray();
        for (var i = 0; i < observations.Count; i++)
        {
            ages[i] = _history.CleanedAge(observations[i]);
            _history.Observe(observations[i]);
        }

        if (!before.SequenceEqual(_history.Versions))
        {
            state.State = new PatientGrainState { Versions = _history.Versions.ToArray() };
            await state.WriteStateAsync();
        }

        return ages;
    }

    public Task<IReadOnlyList<PatientVersion>> GetHistoryAsync() => Task.FromResult(_history.Versions);
}
