namespace MHA.Producer.Simulation;

/// <summary>The fields the missing-field kind of dirty data may drop from an event.</summary>
internal enum AdtField
{
    PatientId,
    Department,
    BedId,
    Gender,
    Age,
    AdmissionTime,
    EventTime,
}
