using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;

namespace MHA.Grains.Ingestion;

/// <summary>
/// Reads one received JSON item (standard or legacy shape) into a typed, cleaned <see cref="AdtEvent"/>,
/// or says why it cannot be placed. Never invents a value: a bad one becomes null with a flag.
/// </summary>
public sealed class AdtEventParser(HospitalCatalog catalog)
{
    /// <summary>Clock skew tolerated before an admission time counts as "in the future".</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> ContractFields =
    [
        "event_id", "event_type", "event_time", "patient_id", "hospital_id", "hospital_name", "department", "bed_id",
        "from_department", "from_bed_id", "gender", "age", "insurance_type", "admission_time", "discharge_time",
    ];

    public EventParseResult Parse(ReadOnlySpan<byte> utf8Json, DateTimeOffset receivedAt)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                document.Dispose();
                return EventParseResult.Reject("malformed JSON: more than one value in the item");
            }
        }
        catch (JsonException ex)
        {
            return EventParseResult.Reject($"malformed JSON: {ex.Message}");
        }

        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Parse(document.RootElement, utf8Json, receivedAt)
                : EventParseResult.Reject($"not a JSON object but {document.RootElement.ValueKind}");
        }
    }

    private EventParseResult Parse(JsonElement root, ReadOnlySpan<byte> raw, DateTimeOffset receivedAt)
    {
        var flags = new List<string>(4);
        var fields = new FieldReader(root, flags);
        var eventId = fields.String("event_id");
        var eventTypeText = fields.String("event_type");
        var legacy = eventId is null && eventTypeText is null;
        if (legacy)
        {
            flags.Add(DataQualityFlags.LegacyShape);
            eventId = "legacy-" + Convert.ToHexStringLower(SHA256.HashData(raw))[..32];
        }
        else if (string.IsNullOrWhiteSpace(eventId))
        {
            return EventParseResult.Reject("missing event_id");
        }

        AdtEventType type;
        if (legacy)
        {
            type = AdtEventType.Admission;
        }
        else if (!TryParseType(eventTypeText, out type))
        {
            return EventParseResult.Reject(eventTypeText is null ? "missing event_type" : $"unsupported event_type '{Truncate(eventTypeText)}'", eventId);
        }

        var patientId = fields.String("patient_id");
        if (string.IsNullOrWhiteSpace(patientId))
        {
            return EventParseResult.Reject("missing patient_id", eventId);
        }

        if (!fields.TryInt("hospital_id", out var hospitalId, out var hospitalText))
        {
            return EventParseResult.Reject(hospitalText is null ? "missing hospital_id" : $"hospital_id '{Truncate(hospitalText)}' is not a number", eventId);
        }

        if (!catalog.TryGetHospital(hospitalId, out _))
        {
            return EventParseResult.Reject($"unknown hospital_id {hospitalId}", eventId);
        }

        var needsBed = type is AdtEventType.Admission or AdtEventType.Transfer;
        var departmentText = fields.String("department");
        var department = catalog.MatchDepartment(departmentText);
        if (department.Corrected) flags.Add(DataQualityFlags.DepartmentCorrected);
        if (!department.Found)
        {
            if (needsBed)
            {
                return EventParseResult.Reject(departmentText is null ? "missing department" : $"unknown department '{Truncate(departmentText)}'", eventId);
            }

            if (departmentText is null) flags.Add(DataQualityFlags.MissingDepartment);
        }

        var bedId = fields.String("bed_id");
        if (needsBed && string.IsNullOrWhiteSpace(bedId))
        {
            return EventParseResult.Reject("missing bed_id", eventId);
        }

        var fromDepartment = catalog.MatchDepartment(fields.String("from_department"));
        if (fromDepartment.Corrected) flags.Add(DataQualityFlags.FromDepartmentCorrected);

        var gender = fields.String("gender");
        if (gender is null) flags.Add(DataQualityFlags.MissingGender);

        int? age = null;
        int? rawAge = null;
        if (fields.TryInt("age", out var ageValue, out var ageText))
        {
            rawAge = ageValue;
            if (ageValue is >= 0 and <= 120) age = ageValue;
            else flags.Add(DataQualityFlags.AgeOutOfRange);
        }
        else if (ageText is null)
        {
            flags.Add(DataQualityFlags.MissingAge);
        }
        else
        {
            flags.Add(DataQualityFlags.AgeOutOfRange);
        }

        var admissionTime = fields.Timestamp("admission_time");
        var dischargeTime = fields.Timestamp("discharge_time");
        var eventTime = legacy ? admissionTime : fields.Timestamp("event_time");
        var eventTimeFromReceipt = false;
        if (eventTime is null)
        {
            if (!legacy) flags.Add(DataQualityFlags.EventTimeDerived);
            eventTime = type switch
            {
                AdtEventType.Admission => admissionTime,
                AdtEventType.Discharge => dischargeTime,
                _ => null,
            };
            if (eventTime is null)
            {
                eventTime = receivedAt;
                eventTimeFromReceipt = true;
                flags.Add(DataQualityFlags.EventTimeFromReceipt);
            }
        }

        if (admissionTime is null)
        {
            if (type == AdtEventType.Admission) flags.Add(DataQualityFlags.MissingAdmissionTime);
        }
        else
        {
            // An admission cannot lie after the event that reports it (or, for the legacy shape, after its receipt).
            var latestPossible = legacy ? receivedAt : eventTime.Value;
            if (admissionTime > latestPossible + FutureTolerance)
            {
                flags.Add(DataQualityFlags.FutureAdmissionTime);
                admissionTime = latestPossible;
                if (legacy) eventTime = latestPossible;
            }
        }

        if (admissionTime is not null && dischargeTime is not null && dischargeTime < admissionTime)
        {
            flags.Add(DataQualityFlags.DischargeBeforeAdmission);
        }

        return EventParseResult.Ok(new AdtEvent
        {
            EventId = eventId!,
            Type = type,
            EventTime = eventTime.Value,
            PatientId = patientId,
            HospitalId = hospitalId,
            Department = department.Department,
            BedId = bedId,
            FromDepartment = fromDepartment.Department,
            FromBedId = fields.String("from_bed_id"),
            Gender = gender,
            Age = age,
            RawAge = rawAge,
            InsuranceType = fields.String("insurance_type"),
            AdmissionTime = admissionTime,
            DischargeTime = dischargeTime,
            Shape = legacy ? EventShape.Legacy : EventShape.Standard,
            ReceivedAt = receivedAt,
            Flags = flags.Distinct().ToArray(),
            Extras = ReadExtras(root),
            EventTimeFromReceipt = eventTimeFromReceipt,
        });
    }

    private static IReadOnlyDictionary<string, string> ReadExtras(JsonElement root)
    {
        Dictionary<string, string>? extras = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!ContractFields.Contains(property.Name))
            {
                (extras ??= new Dictionary<string, string>(StringComparer.Ordinal))[property.Name] = property.Value.GetRawText();
            }
        }

        return extras ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>();
    }

    internal static bool TryParseType(string? text, out AdtEventType type)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "ADMISSION" or "ADMIT" or "A01":
                type = AdtEventType.Admission;
                return true;
            case "TRANSFER" or "A02":
                type = AdtEventType.Transfer;
                return true;
            case "DISCHARGE" or "A03":
                type = AdtEventType.Discharge;
                return true;
            case "UPDATE" or "A08":
                type = AdtEventType.Update;
                return true;
            default:
                type = default;
                return false;
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Lenient typed access to the fields of one event object; records coercions as flags.</summary>
    private readonly struct FieldReader(JsonElement root, List<string> flags)
    {
        public string? String(string name)
        {
            if (!root.TryGetProperty(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
        }

        public bool TryInt(string name, out int result, out string? text)
        {
            result = 0;
            text = null;
            if (!root.TryGetProperty(name, out var value)) return false;
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    text = value.GetRawText();
                    if (value.TryGetInt32(out result)) return true;
                    if (value.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
                    {
                        result = (int)d;
                        return true;
                    }

                    return false;
                case JsonValueKind.String:
                    text = value.GetString();
                    if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out result))
                    {
                        flags.Add(DataQualityFlags.NumericString);
                        return true;
                    }

                    return false;
                case JsonValueKind.Null:
                    return false;
                default:
                    text = value.GetRawText();
                    return false;
            }
        }

        public DateTimeOffset? Timestamp(string name)
        {
            var text = String(name);
            if (string.IsNullOrWhiteSpace(text)) return null;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                ? t.ToUniversalTime()
                : null;
        }
    }
}
