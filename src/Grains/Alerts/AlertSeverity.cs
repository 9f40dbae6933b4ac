namespace MHA.Grains.Alerts;

/// <summary>How urgent an alert is: whom it should wake.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
