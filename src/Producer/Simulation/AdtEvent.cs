namespace MHA.Producer.Simulation;

/// <summary>
/// The field values of one event before it is written as JSON. The simulation creates it from its clean truth;
/// dirty-data injection works on a copy (<c>with</c>), so the simulation's own state never sees dirty values.
/// </summary>
internal sealed record AdtEvent(
    string EventId,
    AdtEventType Type,
    DateTimeOffset EventTime,
    string PatientId,
    string LegacyPatientId,
    int HospitalId,
    string HospitalName,
    string Department,
    string BedId,
    int HospitalBedNumber,
    string? FromDepartment,
    string? FromBedId,
    string Gender,
    int Age,
    string InsuranceType,
    DateTimeOffset AdmissionTime,
    DateTimeOffset? DischargeTime,
    string AdmissionPriority,
    string DiagnosisCode,
    string? DischargeStatus)
{
    /// <summary>A field left out of the JSON (missing-field dirty data); null = all present.</summary>
    public AdtField? OmittedField { get; init; }

    public bool Writes(AdtField field) => OmittedField != field;
}
