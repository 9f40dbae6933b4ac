namespace MHA.Grains.Contracts;

/// <summary>What happened to a patient: the ADT trigger of an event.</summary>
[GenerateSerializer]
public enum AdtEventType
{
    Admission = 0,
    Transfer = 1,
    Discharge = 2,
    Update = 3,
}
