namespace MHA.Grains.Grains;

/// <summary>
/// Decides which silo runs the lake's maintenance (Gold refresh, quality reports, compaction): one at a time, since two
/// compactions of one partition would write its rows twice. A holder that stops renewing loses the lease after its term.
/// </summary>
public interface ILakeMaintenanceLeaseGrain : IGrainWithIntegerKey
{
    /// <summary>True when <paramref name="holder"/> holds the lease (taken or renewed) for <paramref name="term"/> from now.</summary>
    Task<bool> TryHoldAsync(string holder, TimeSpan term);
}
