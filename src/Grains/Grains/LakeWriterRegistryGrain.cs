using MHA.Grains.Lake;

namespace MHA.Grains.Grains;

/// <summary>The single activation handing out lake writer ids; its leases are grain state, so they survive its silo.</summary>
public sealed class LakeWriterRegistryGrain(
    [PersistentState("lakewriters", GrainStorageNames.Occupancy)] IPersistentState<LakeWriterLeases> state,
    TimeProvider time) : Grain, ILakeWriterRegistryGrain
{
    public async Task<int> ClaimAsync(string silo, TimeSpan term)
    {
        var now = time.GetUtcNow();
        var leases = state.State.Leases;
        var held = leases.FirstOrDefault(l => l.Value.Silo == silo);
        int id;
        if (held.Value is not null)
        {
            id = held.Key;
        }
        else
        {
            id = Enumerable.Range(0, LakeSequence.MaxWriterId + 1).FirstOrDefault(i => !leases.TryGetValue(i, out var lease) || lease.ExpiresAt <= now, -1);
            if (id < 0) throw new InvalidOperationException($"All {LakeSequence.MaxWriterId + 1} lake writer ids are leased.");
        }

        leases[id] = new LakeWriterLease(silo, now + term);
        await state.WriteStateAsync();
        return id;
    }
}
