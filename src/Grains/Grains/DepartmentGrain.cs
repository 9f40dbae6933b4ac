using MHA.Grains.Contracts;
using Orleans.Placement;

namespace MHA.Grains.Grains;

/// <summary>Holds its department's latest state from the hospital and forwards changed numbers to the silo's push notifier.</summary>
/// <remarks>Placed at random so that a hospital's departments, and their push fan-out, spread over the cluster's silos.</remarks>
[RandomPlacement]
public sealed class DepartmentGrain : Grain, IDepartmentGrain
{
    private DepartmentState? _state;

    public async Task UpdateAsync(DepartmentState state)
    {
        var changed = _state?.Occupancy != state.Occupancy;
        _state = state;
        if (changed)
        {
            await GrainFactory.GetGrain<IOccupancyPushGrain>(0).PublishAsync(state.Occupancy);
        }
    }

    public Task<DepartmentOccupancy?> GetOccupancyAsync() => Task.FromResult(_state?.Occupancy);

    public Task<IReadOnlyList<BedOccupant>> GetBedsAsync() => Task.FromResult(_state?.Beds ?? []);
}
