using MHA.Grains.Contracts;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake.Parquet;

namespace MHA.Grains.Lake.Gold;

/// <summary>Turns a Silver row back into the typed event the census applies.</summary>
public static class SilverEventReader
{
    public static SilverEvent Read(Dictionary<string, object?> row)
    {
        var flags = (row.String("dq_flags") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        AdtEventParser.TryParseType(row.String("event_type"), out var type);
        var e = new AdtEvent
        {
            EventId = row.String("event_id")!,
            Type = type,
            EventTime = row.Timestamp("event_time")!.Value,
            PatientId = row.String("patient_id")!,
            HospitalId = row.Int("hospital_id")!.Value,
            Department = row.String("department"),
            BedId = row.String("bed_id"),
            FromDepartment = row.String("from_department"),
            FromBedId = row.String("from_bed_id"),
            Gender = row.String("gender"),
            Age = row.Int("age"),
            RawAge = row.Int("raw_age"),
            InsuranceType = row.String("insurance_type"),
            AdmissionTime = row.Timestamp("admission_time"),
            DischargeTime = row.Timestamp("discharge_time"),
            Shape = row.String("event_shape") == "legacy" ? EventShape.Legacy : EventShape.Standard,
            ReceivedAt = row.Timestamp("received_at")!.Value,
            Flags = flags,
            EventTimeFromReceipt = flags.Contains(DataQualityFlags.EventTimeFromReceipt),
            BronzeSeq = row.Long("bronze_seq") ?? 0,
            Source = row.String("source") ?? "",
            SourceRef = row.String("source_ref") ?? "",
        };
        return new SilverEvent(row.Long("ingest_seq")!.Value, row.Long("apply_seq") ?? 0, e);
    }
}
