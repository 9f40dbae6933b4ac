namespace MHA.Grains.Alerts;

/// <summary>One capacity threshold with hysteresis: raised at or above <paramref name="RaisePct"/>, cleared only below <paramref name="ClearBelowPct"/>.</summary>
public sealed record CapacityLevel(string Kind, string Name, AlertSeverity Severity, double RaisePct, double ClearBelowPct);
