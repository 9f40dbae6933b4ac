using System.Text;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Ingestion;

namespace MHA.UnitTests.Ingestion;

public sealed class AdtEventParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly AdtEventParser _parser = new(HospitalCatalog.LoadDefault());

    private EventParseResult Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json), ReceivedAt);

    [Fact]
    public void Standard_admission_is_typed_and_unknown_fields_are_kept()
    {
        var result = Parse("""
            {"event_id":"e1","event_type":"ADMISSION","event_time":"2026-11-25T10:00:00Z","patient_id":"P-1","hospital_id":1,
             "department":"ICU","bed_id":"H1-ICU-07","gender":"Female","age":67,"admission_time":"2026-11-25T10:00:00Z",
             "blood_type":"O+","vitals":{"hr":80}}
            """);

        var e = Assert.IsType<AdtEvent>(result.Event);
        Assert.Equal(AdtEventType.Admission, e.Type);
        Assert.Equal("ICU", e.Department);
        Assert.Equal(67, e.Age);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), e.EventTime);
        Assert.Equal("\"O+\"", e.Extras["blood_type"]);
        Assert.Equal("{\"hr\":80}", e.Extras["vitals"]);
        Assert.Empty(e.Flags.Except(["missing_age"]));
    }

    [Theory]
    [InlineData("Emergancy", "Emergency")]
    [InlineData("ER", "Emergency")]
    [InlineData("icu", "ICU")]
    [InlineData("PEDS", "Pediatrics")]
    [InlineData("OB/GYN", "Maternity")]
    [InlineData("CARDIO", "Cardiology")]
    [InlineData("Oncolgoy", "Oncology")]
    [InlineData("Cardiolgy", "Cardiology")]
    public void Department_typos_map_to_canonical_names_with_a_flag(string written, string canonical)
    {
        var e = Parse($$"""{"event_id":"e","event_type":"ADMISSION","patient_id":"P","hospital_id":2,"department":"{{written}}","bed_id":"b1"}""").Event!;
        Assert.Equal(canonical, e.Department);
        Assert.Contains(DataQualityFlags.DepartmentCorrected, e.Flags);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(125)]
    [InlineData(200)]
    public void Invalid_age_becomes_null_and_is_flagged_never_invented(int age)
    {
        var e = Parse($$"""{"event_id":"e","event_type":"DISCHARGE","patient_id":"P","hospital_id":1,"age":{{age}}}""").Event!;
        Assert.Null(e.Age);
        Assert.Equal(age, e.RawAge);
        Assert.Contains(DataQualityFlags.AgeOutOfRange, e.Flags);
    }

    [Fact]
    public void Age_zero_is_a_valid_newborn_age()
    {
        var e = Parse("""{"event_id":"e","event_type":"UPDATE","patient_id":"P","hospital_id":1,"age":0}""").Event!;
        Assert.Equal(0, e.Age);
        Assert.DoesNotContain(DataQualityFlags.AgeOutOfRange, e.Flags);
    }

    [Fact]
    public void Future_admission_time_becomes_the_event_time()
    {
        var e = Parse("""
            {"event_id":"e","event_type":"ADMISSION","event_time":"2026-11-25T10:00:00Z","patient_id":"P","hospital_id":1,
             "department":"ICU","bed_id":"H1-ICU-01","admission_time":"2026-11-26T09:00:00Z"}
            """).Event!;
        Assert.Equal(e.EventTime, e.AdmissionTime);
        Assert.Contains(DataQualityFlags.FutureAdmissionTime, e.Flags);
    }

    [Fact]
    public void Discharge_before_admission_is_flagged_and_kept()
    {
        var e = Parse("""
            {"event_id":"e","event_type":"DISCHARGE","event_time":"2026-11-25T10:00:00Z","patient_id":"P","hospital_id":1,
             "admission_time":"2026-11-25T08:00:00Z","discharge_time":"2026-11-25T07:00:00Z"}
            """).Event!;
        Assert.Contains(DataQualityFlags.DischargeBeforeAdmission, e.Flags);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero), e.DischargeTime);
    }

    [Theory]
    [InlineData("""{"event_id":"e","event_type":"ADMISSION","patient_id":"P","hospital_id":99,"department":"ICU","bed_id":"x"}""", "unknown hospital_id 99")]
    [InlineData("""{"event_id":"e","event_type":"ADMISSION","patient_id":"P","hospital_id":0,"department":"ICU","bed_id":"x"}""", "unknown hospital_id 0")]
    [InlineData("""{"event_id":"e","event_type":"ADMISSION","hospital_id":1,"department":"ICU","bed_id":"x"}""", "missing patient_id")]
    [InlineData("""{"event_id":"e","event_type":"ADMISSION","patient_id":"P","hospital_id":1,"bed_id":"x"}""", "missing department")]
    [InlineData("""{"event_id":"e","event_type":"ADMISSION","patient_id":"P","hospital_id":1,"department":"Dentistry","bed_id":"x"}""", "unknown department 'Dentistry'")]
    [InlineData("""{"event_id":"e","event_type":"TRANSFER","patient_id":"P","hospital_id":1,"department":"ICU"}""", "missing bed_id")]
    [InlineData("""{"event_id":"e","event_type":"BIRTH","patient_id":"P","hospital_id":1}""", "unsupported event_type 'BIRTH'")]
    [InlineData("""{"event_type":"ADMISSION","patient_id":"P","hospital_id":1}""", "missing event_id")]
    [InlineData("""[1,2]""", "not a JSON object but Array")]
    public void Items_that_cannot_be_placed_are_rejected_with_a_reason(string json, string reason)
    {
        var result = Parse(json);
        Assert.False(result.Accepted);
        Assert.Equal(reason, result.RejectReason);
    }

    [Fact]
    public void Malformed_json_is_rejected_not_thrown()
    {
        var result = Parse("""{"event_id": "e", "patient_id": """);
        Assert.False(result.Accepted);
        Assert.StartsWith("malformed JSON", result.RejectReason);
    }

    [Fact]
    public void Legacy_shape_is_an_admission_with_a_planned_discharge_and_a_stable_id()
    {
        const string json = """{"patient_id":"0f8fad5b-d9cb-469f-a165-70867728950e","gender":"Male","age":54,"department":"Surgery","admission_time":"2026-11-25T10:00:00","discharge_time":"2026-11-26T08:00:00","bed_id":231,"hospital_id":3}""";
        var first = Parse(json).Event!;
        var again = Parse(json).Event!;

        Assert.Equal(EventShape.Legacy, first.Shape);
        Assert.Equal(AdtEventType.Admission, first.Type);
        Assert.Equal("231", first.BedId);
        Assert.Equal(first.AdmissionTime, first.EventTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), first.DischargeTime);
        Assert.StartsWith("legacy-", first.EventId);
        Assert.Equal(first.EventId, again.EventId);
        Assert.Contains(DataQualityFlags.LegacyShape, first.Flags);
    }

    [Fact]
    public void Legacy_future_admission_is_capped_at_receipt_time()
    {
        var e = Parse("""{"patient_id":"u","gender":"Male","age":54,"department":"ICU","admission_time":"2026-11-27T10:00:00","discharge_time":"2026-11-28T08:00:00","bed_id":3,"hospital_id":1}""").Event!;
        Assert.Equal(ReceivedAt, e.AdmissionTime);
        Assert.Equal(ReceivedAt, e.EventTime);
        Assert.Contains(DataQualityFlags.FutureAdmissionTime, e.Flags);
    }

    [Fact]
    public void Numbers_sent_as_strings_are_read_and_flagged()
    {
        var e = Parse("""{"event_id":"e","event_type":"A08","patient_id":"P","hospital_id":"4","age":"42"}""").Event!;
        Assert.Equal(4, e.HospitalId);
        Assert.Equal(42, e.Age);
        Assert.Equal(AdtEventType.Update, e.Type);
        Assert.Contains(DataQualityFlags.NumericString, e.Flags);
    }

    [Fact]
    public void Missing_event_time_is_derived_and_flagged()
    {
        var e = Parse("""{"event_id":"e","event_type":"ADMISSION","patient_id":"P","hospital_id":1,"department":"ICU","bed_id":"b","admission_time":"2026-11-25T09:00:00Z"}""").Event!;
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), e.EventTime);
        Assert.Contains(DataQualityFlags.EventTimeDerived, e.Flags);
    }
}
