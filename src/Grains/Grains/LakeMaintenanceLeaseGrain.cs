namespace MHA.Grains.Grains;

/// <summary>The single activation deciding which silo maintains the lake (see <see cref="ILakeMaintenanceLeaseGrain"/>).</summary>
public sealed class LakeMaintenanceLeaseGrain(TimeProvider time) : Grain, ILakeMaintenanceLeaseGrain
{
    private string? _holder;
    private DateTimeOffset _expiresAt;

    public Task<bool> TryHoldAsync(string holder, TimeSpan term)
    {
        var now = time.GetUtcNow();
        if (_holder is null || _holder == holder || now >= _expiresAt)
        {
            _holder = holder;
            _expiresAt = now + term;
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }
}
