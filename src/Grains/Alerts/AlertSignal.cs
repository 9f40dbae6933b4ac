namespace MHA.Grains.Alerts;

/// <summary>
/// Something on-call engineers or bed managers must learn about. <paramref name="Key"/> identifies the condition
/// (e.g. <c>lake.write</c>, <c>capacity/3/ICU</c>): raising an active key again changes nothing, resolving it sends a
/// resolve event. <paramref name="Type"/> is the event type receivers filter on (e.g. <c>mha.alert.lake_write_failed</c>).
/// Details carry no patient identifiers.
/// </summary>
public sealed record AlertSignal(string Key, string Type, AlertSeverity Severity, string Summary, IReadOnlyDictionary<string, string>? Details = null);
