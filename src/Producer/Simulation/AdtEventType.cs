namespace MHA.Producer.Simulation;

/// <summary>The ADT event types of the standard shape (docs/events.md).</summary>
internal enum AdtEventType
{
    Admission,
    Transfer,
    Discharge,
    Update,
}
