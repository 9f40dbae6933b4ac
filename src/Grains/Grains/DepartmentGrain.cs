using MHA.Grains.Alerts;
using MHA.Grains.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace MHA.Grains.Grains;

/// <summary>
/// Holds its department's latest state from the hospital, forwards changed numbers to the silo's push notifier, and
/// raises and resolves the department's capacity alerts (<see cref="CapacityAlertRule"/>).
/// </summary>
/// <remarks>Placed at random so that a hospital's departments, and their push fan-out, spread over the cluster's silos.</remarks>
[RandomPlacement]
public sealed class DepartmentGrain : Grain, IDepartmentGrain
{
    private DepartmentState? _state;
    private CapacityAlertRule? _capacityRule;

    public async Task UpdateAsync(DepartmentState state)
    {
        var changed = _state?.Occupancy != state.Occupancy;
        _state = state;
        if (changed)
        {
            await GrainFactory.GetGrain<IOccupancyPushGrain>(0).PublishAsync(state.Occupancy);
            await EvaluateCapacityAsync(state.Occupancy);
        }
    }

    public Task<DepartmentOccupancy?> GetOccupancyAsync() => Task.FromResult(_state?.Occupancy);


    /// <summary>Hosts without alerting (the unit-test cluster) register no <see cref="IAlertPublisher"/>: then nothing is evaluated.</summary>
    private async Task EvaluateCapacityAsync(DepartmentOccupancy occupancy)
    {
        if (ServiceProvider.GetService<IAlertPublisher>() is not { } alerts) return;
        _capacityRule ??= new CapacityAlertRule(ServiceProvider.GetRequiredService<IOptions<AlertOptions>>().Value.Capacity);
        var decision = _capacityRule.Evaluate(occupancy.OccupancyPct, occupancy.StaffedBeds);
        foreach (var level in decision.Resolve)
        {
            await alerts.ResolveAsync(CapacityAlertRule.KeyOf(occupancy.HospitalId, occupancy.Department, level));
        }

        foreach (var level in decision.Raise)
        {
            var details = new Dictionary<string, string>
            {
                ["hospital_id"] = occupancy.HospitalId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["hospital_name"] = occupancy.HospitalName,
                ["department"] = occupancy.Department,
                ["occupied"] = occupancy.Occupied.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["staffed_beds"] = occupancy.StaffedBeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["occupancy_pct"] = occupancy.OccupancyPct.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                ["threshold_pct"] = level.RaisePct.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
            };
            await alerts.RaiseAsync(new AlertSignal(CapacityAlertRule.KeyOf(occupancy.HospitalId, occupancy.Department, level), level.Kind, level.Severity,
                $"{occupancy.HospitalName} {occupancy.Department} at {occupancy.OccupancyPct:0.0}% (≥ {level.RaisePct:0.#}%, {level.Name})", details));
        }
    }
}
