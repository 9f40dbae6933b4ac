using MHA.Grains.Grains;

namespace MHA.Silo.Lake;

/// <summary>This silo's claim on the lake maintenance lease; maintenance jobs ask before each run.</summary>
public sealed class LakeMaintenanceLease(IGrainFactory grains, ILocalSiloDetails silo, ILogger<LakeMaintenanceLease> logger)
{
    private static readonly TimeSpan Term = TimeSpan.FromSeconds(30);
    private bool _held;

    /// <summary>True when this silo may run lake maintenance now.</summary>
    public async Task<bool> IsHeldAsync()
    {
        bool held;
        try
        {
            held = await grains.GetGrain<ILakeMaintenanceLeaseGrain>(0).TryHoldAsync(silo.SiloAddress.ToParsableString(), Term);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning("Lake maintenance lease unavailable: {Error}", ex.Message);
            held = false;
        }

        if (held != _held) logger.LogInformation(held ? "This silo now runs lake maintenance" : "Another silo runs lake maintenance");
        _held = held;
        return held;
    }
}
