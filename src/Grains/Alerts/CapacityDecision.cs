namespace MHA.Grains.Alerts;

/// <summary>The capacity levels a reading raises and resolves (both empty: nothing changes).</summary>
public sealed record CapacityDecision(IReadOnlyList<CapacityLevel> Raise, IReadOnlyList<CapacityLevel> Resolve);
