namespace MHA.Grains.Grains;

/// <summary>
/// Hands each silo writing the lake its own writer id (0..255, the low bits of every <c>ingest_seq</c> it assigns), so
/// replicas that share one configuration (Container Apps) never collide. A silo holds its id while it renews the lease;
/// the id of a silo that stopped renewing is given out again once its term has passed.
/// </summary>
public interface ILakeWriterRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The writer id <paramref name="silo"/> holds (renewed for <paramref name="term"/>), or a free one it now holds.</summary>
    Task<int> ClaimAsync(string silo, TimeSpan term);
}
