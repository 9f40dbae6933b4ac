namespace MHA.Grains.Lake.Gold;

/// <summary>One hospital stay as Gold's fact_admission records it: first bed to leaving, with its transfers.</summary>
public sealed class Stay(string stayId, int hospitalId, string patientId, string admissionDepartment, string bedId, DateTimeOffset admissionTime)
{
    public string StayId { get; } = stayId;
    public int HospitalId { get; } = hospitalId;
    public string PatientId { get; } = patientId;
    public string AdmissionDepartment { get; } = admissionDepartment;
    public DateTimeOffset AdmissionTime { get; } = admissionTime;
    public string CurrentDepartment { get; set; } = admissionDepartment;
    public string BedId { get; set; } = bedId;
    public int Transfers { get; set; }
    public DateTimeOffset? DischargeTime { get; set; }
    public string? EndReason { get; set; }

    public bool IsCurrentlyAdmitted => EndReason is null;

    public DateOnly AdmissionDate => DateOnly.FromDateTime(AdmissionTime.UtcDateTime);

    /// <summary>Hours between admission and discharge; none while admitted or when the discharge precedes the admission.</summary>
    public double? LengthOfStayHours =>
        DischargeTime is { } end && end >= AdmissionTime ? Math.Round((end - AdmissionTime).TotalHours, 4) : null;
}
