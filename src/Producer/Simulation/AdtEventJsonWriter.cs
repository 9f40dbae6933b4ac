using System.Text;
using System.Text.Json;

namespace MHA.Producer.Simulation;

/// <summary>
/// Writes the standard ADT shape (docs/events.md) as one compact JSON object, properties always in the same order
/// so a seed gives byte-identical output.
/// </summary>
internal sealed class AdtEventJsonWriter
{
    private readonly ReusableUtf8Buffer _buffer = new();

    public string Write(AdtEvent e)
    {
        var buffer = _buffer.Rent();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event_id", e.EventId);
            json.WriteString("event_type", TypeName(e.Type));
            if (e.Writes(AdtField.EventTime)) json.WriteString("event_time", EventTimestamps.Utc(e.EventTime));
            if (e.Writes(AdtField.PatientId)) json.WriteString("patient_id", e.PatientId);
            json.WriteNumber("hospital_id", e.HospitalId);
            json.WriteString("hospital_name", e.HospitalName);
            if (e.Writes(AdtField.Department)) json.WriteString("department", e.Department);
            if (e.Writes(AdtField.BedId)) json.WriteString("bed_id", e.BedId);
            if (e.Type == AdtEventType.Transfer)
            {
                json.WriteString("from_department", e.FromDepartment);
                json.WriteString("from_bed_id", e.FromBedId);
            }

            if (e.Writes(AdtField.Gender)) json.WriteString("gender", e.Gender);
            if (e.Writes(AdtField.Age)) json.WriteNumber("age", e.Age);
            json.WriteString("insurance_type", e.InsuranceType);
            if (e.Writes(AdtField.AdmissionTime)) json.WriteString("admission_time", EventTimestamps.Utc(e.AdmissionTime));
            if (e.DischargeTime is { } discharged)
            {
                json.WriteString("discharge_time", EventTimestamps.Utc(discharged));
            }
            else
            {
                json.WriteNull("discharge_time");
            }

            json.WriteString("admission_priority", e.AdmissionPriority);
            json.WriteString("diagnosis_code", e.DiagnosisCode);
            if (e.DischargeStatus is not null)
            {
                json.WriteString("discharge_status", e.DischargeStatus);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string TypeName(AdtEventType type) => type switch
    {
        AdtEventType.Admission => "ADMISSION",
        AdtEventType.Transfer => "TRANSFER",
        AdtEventType.Discharge => "DISCHARGE",
        AdtEventType.Update => "UPDATE",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
