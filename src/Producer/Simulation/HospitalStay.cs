namespace MHA.Producer.Simulation;

/// <summary>
/// One inpatient stay as the simulation knows it (the truth, never dirtied): the patient, where they lie now,
/// when the stay started and what happens at the end of the current department's part of it.
/// </summary>
internal sealed class HospitalStay(SimulatedPatient patient, int hospitalId, DateTimeOffset admissionTime, string priority, string diagnosisCode)
{
    public SimulatedPatient Patient { get; } = patient;

    public int HospitalId { get; } = hospitalId;

    public DateTimeOffset AdmissionTime { get; } = admissionTime;

    public string AdmissionPriority { get; } = priority;

    public string DiagnosisCode { get; } = diagnosisCode;

    public required DepartmentWard Ward { get; set; }

    public required int BedNumber { get; set; }

    /// <summary>Department the patient moves to when the current part ends; null = discharge.</summary>
    public DepartmentWard? PlannedTransfer { get; set; }

    public int TransferAttempts { get; set; }

    public bool Ended { get; set; }

    public string BedId => Ward.Info.BedId(BedNumber);
}
