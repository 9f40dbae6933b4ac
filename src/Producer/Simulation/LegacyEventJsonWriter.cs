using System.Text;
using System.Text.Json;

namespace MHA.Producer.Simulation;

/// <summary>
/// Writes the original pipeline's 8-field event: uuid patient id, zone-less timestamps, an integer bed number
/// counted across the hospital, and the planned end of the stay as discharge time.
/// </summary>
internal sealed class LegacyEventJsonWriter
{
    private readonly ReusableUtf8Buffer _buffer = new();

    public string Write(AdtEvent e)
    {
        var buffer = _buffer.Rent();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (e.Writes(AdtField.PatientId)) json.WriteString("patient_id", e.LegacyPatientId);
            if (e.Writes(AdtField.Gender)) json.WriteString("gender", e.Gender);
            if (e.Writes(AdtField.Age)) json.WriteNumber("age", e.Age);
            if (e.Writes(AdtField.Department)) json.WriteString("department", e.Department);
            if (e.Writes(AdtField.AdmissionTime)) json.WriteString("admission_time", EventTimestamps.LegacyLocal(e.AdmissionTime));
            json.WriteString("discharge_time", EventTimestamps.LegacyLocal(e.DischargeTime ?? e.AdmissionTime));
            if (e.Writes(AdtField.BedId)) json.WriteNumber("bed_id", e.HospitalBedNumber);
            json.WriteNumber("hospital_id", e.HospitalId);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
