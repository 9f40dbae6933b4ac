namespace MHA.Grains.Grains;

/// <summary>The grain storage providers the engine's grains persist state in; each profile registers them (docs/architecture.md).</summary>
public static class GrainStorageNames
{
    /// <summary>Live state: hospital census snapshots, patient history, Event Hubs receive positions.</summary>
    public const string Occupancy = "occupancy";
}
