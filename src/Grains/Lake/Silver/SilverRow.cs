using System.Text.Json;
using MHA.Grains.Contracts;

namespace MHA.Grains.Lake.Silver;

/// <summary>
/// A typed, cleaned event in Silver: UTC timestamps, canonical department, the cleaned age (never invented),
/// the rules that touched it (<c>dq_flags</c>), and every attribute outside the contract as its own column.
/// </summary>
public sealed record SilverRow(AdtEvent Event, int? Age, double? LengthOfStayHours, string DqFlags, long IngestSeq, string Source, string SourceRef, string HospitalName, long ApplySeq = 0)
{
    public static readonly Parquet.ParquetTable<SilverRow> Table = new Parquet.ParquetTable<SilverRow>()
        .String("event_id", r => r.Event.EventId)
        .String("event_type", r => r.Event.Type.ToString().ToUpperInvariant())
        .Timestamp("event_time", r => r.Event.EventTime)
        .String("patient_id", r => r.Event.PatientId)
        .Int("hospital_id", r => r.Event.HospitalId)
        .String("hospital_name", r => r.HospitalName)
        .String("department", r => r.Event.Department)
        .String("bed_id", r => r.Event.BedId)
        .String("from_department", r => r.Event.FromDepartment)
        .String("from_bed_id", r => r.Event.FromBedId)
        .String("gender", r => r.Event.Gender)
        .Int("age", r => r.Age)
        .Int("raw_age", r => r.Event.RawAge)
        .String("insurance_type", r => r.Event.InsuranceType)
        .Timestamp("admission_time", r => r.Event.AdmissionTime)
        .Timestamp("discharge_time", r => r.Event.DischargeTime)
        .Double("length_of_stay_hours", r => r.LengthOfStayHours)
        .String("event_shape", r => r.Event.Shape == EventShape.Legacy ? "legacy" : "standard")
        .String("dq_flags", r => r.DqFlags)
        .Long("ingest_seq", r => r.IngestSeq)
        .Long("apply_seq", r => r.ApplySeq)
        .Long("bronze_seq", r => r.Event.BronzeSeq)
        .Timestamp("received_at", r => r.Event.ReceivedAt)
        .String("source", r => r.Source)
        .String("source_ref", r => r.SourceRef);

    /// <summary>The value of an extra attribute as text: a JSON string unquoted, anything else as its JSON.</summary>
    public string? Extra(string name)
    {
        if (!Event.Extras.TryGetValue(name, out var json)) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind switch
        {
            JsonValueKind.String => document.RootElement.GetString(),
            JsonValueKind.Null => null,
            _ => json,
        };
    }
}
