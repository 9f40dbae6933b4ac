namespace MHA.Producer.Simulation;

/// <summary>
/// A patient the simulation knows. Mutable on purpose: age and insurance change between stays, which is
/// the history the engine's SCD2 patient dimension has to keep.
/// </summary>
internal sealed class SimulatedPatient(string patientId, string legacyPatientId, string gender, int age, string insuranceType)
{
    public string PatientId { get; } = patientId;

    /// <summary>The uuid-like id the legacy 8-field shape carries.</summary>
    public string LegacyPatientId { get; } = legacyPatientId;

    public string Gender { get; } = gender;

    public int Age { get; set; } = age;

    public string InsuranceType { get; set; } = insuranceType;

    public bool InHospital { get; set; }
}
