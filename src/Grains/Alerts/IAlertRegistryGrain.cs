namespace MHA.Grains.Alerts;

/// <summary>
/// The cluster's active alerts (one grain, key 0). Deduplicates by key across silos: when several silos notice the
/// same condition (a silo left), only the first raise is delivered.
/// </summary>
public interface IAlertRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records the alert; false when its key is already active (nothing to deliver).</summary>
    Task<bool> TryRaiseAsync(ActiveAlert alert);

    /// <summary>Removes and returns the active alert with this key; null when none is active.</summary>
    Task<ActiveAlert?> TryResolveAsync(string key);

    Task<IReadOnlyList<ActiveAlert>> GetActiveAsync();
}
