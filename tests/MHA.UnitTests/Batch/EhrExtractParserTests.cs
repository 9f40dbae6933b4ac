using System.Text;
using System.Text.Json;
using MHA.Grains.Batch;

namespace MHA.UnitTests.Batch;

/// <summary>The EHR extract formats of docs/batch.md: what a row becomes, which errors are a row's and which reject the whole file.</summary>
public sealed class EhrExtractParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    private static EhrExtract Parse(string path, string text) => EhrExtractParser.Parse(path, Encoding.UTF8.GetBytes(text), Now);

    private static JsonElement Event(EhrExtract extract, int item) => JsonDocument.Parse(extract.Items[item].Payload).RootElement;

    [Fact]
    public void A_demographics_row_becomes_an_update_with_the_age_at_its_effective_time()
    {
        var extract = Parse("landing/ehr/2026-11-24/demographics.csv",
            "\uFEFFpatient_id,hospital_id,gender,birth_date,insurance_type,effective_time\r\nP-1,3,Female,1956-11-25,\"Medicare, part B\",2026-11-24T10:00:00Z\r\n");

        Assert.False(extract.Rejected);
        Assert.Equal(EhrExtractKind.Demographics, extract.Kind);
        var e = Event(extract, 0);
        Assert.Equal("UPDATE", e.GetProperty("event_type").GetString());
        Assert.Equal("P-1", e.GetProperty("patient_id").GetString());
        Assert.Equal(3, e.GetProperty("hospital_id").GetInt32());
        Assert.Equal(69, e.GetProperty("age").GetInt32());
        Assert.Equal("Medicare, part B", e.GetProperty("insurance_type").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), e.GetProperty("event_time").GetDateTimeOffset());
        Assert.StartsWith("ehr-demo-", e.GetProperty("event_id").GetString());
        Assert.Equal(2, extract.Items[0].Index);
    }

    [Fact]
    public void The_same_row_gets_the_same_event_id_and_a_changed_row_another()
    {
        const string header = "patient_id,hospital_id,insurance_type,effective_time\n";
        var first = Event(Parse("demographics.csv", header + "P-1,1,Private,2026-11-24T10:00:00Z\n"), 0).GetProperty("event_id").GetString();
        var again = Event(Parse("demographics-again.ndjson", """{"patient_id":"P-1","hospital_id":1,"insurance_type":"Private","effective_time":"2026-11-24T10:00:00Z"}"""), 0).GetProperty("event_id").GetString();
        var changed = Event(Parse("demographics.csv", header + "P-1,1,Medicaid,2026-11-24T10:00:00Z\n"), 0).GetProperty("event_id").GetString();
        Assert.Equal(first, again);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public void A_completed_encounter_becomes_an_admission_and_a_discharge_carrying_both_times()
    {
        var extract = Parse("landing/ehr/2026-11-24/encounters.ndjson",
            """{"encounter_id":"E-7","patient_id":"P-2","hospital_id":"2","department":"ICU","bed_id":"H2-ICU-03","admission_time":"2026-11-22T08:00:00","discharge_time":"2026-11-24T09:30:00Z","age":58}""");

        Assert.Equal(EhrExtractKind.Encounters, extract.Kind);
        Assert.Equal(2, extract.Items.Count);
        var (admission, discharge) = (Event(extract, 0), Event(extract, 1));
        Assert.Equal(("ADMISSION", "ehr-2-E-7-admission"), (admission.GetProperty("event_type").GetString(), admission.GetProperty("event_id").GetString()));
        Assert.Equal(("DISCHARGE", "ehr-2-E-7-discharge"), (discharge.GetProperty("event_type").GetString(), discharge.GetProperty("event_id").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), admission.GetProperty("event_time").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero), discharge.GetProperty("event_time").GetDateTimeOffset());
        Assert.Equal("2026-11-24T09:30:00+00:00", admission.GetProperty("discharge_time").GetString());
        Assert.Equal("H2-ICU-03", discharge.GetProperty("bed_id").GetString());
        Assert.Equal(58, admission.GetProperty("age").GetInt32());
    }

    [Fact]
    public void A_bad_row_is_an_item_with_its_line_and_reason_while_the_other_rows_are_read()
    {
        var extract = Parse("encounters.csv",
            "encounter_id,patient_id,hospital_id,department,bed_id,admission_time,discharge_time\n" +
            "E-1,P-1,1,ICU,H1-ICU-01,2026-11-20T08:00:00Z,2026-11-21T08:00:00Z\n" +
            "E-2,P-2,1,ICU,H1-ICU-02,not a time,2026-11-21T08:00:00Z\n" +
            "E-3,P-3,1,ICU\n" +
            "E-4,P-4,1,ICU,H1-ICU-04,2026-11-24T08:00:00Z,2026-11-26T08:00:00Z\n");

        Assert.False(extract.Rejected);
        Assert.Equal(4, extract.Rows);
        Assert.Equal(5, extract.Items.Count);
        var errors = extract.Items.Where(i => i.FramingError is not null).Select(i => (i.Index, i.FramingError)).ToArray();
        Assert.Equal(
            [(3, "line 3: admission_time 'not a time' is not a timestamp"), (4, "line 4: expected 7 fields, found 4"),
             (5, "line 5: discharge_time lies in the future: not a completed encounter")],
            errors);
    }

    [Theory]
    [InlineData("landing/ehr/2026-11-24/patients.csv", "patient_id,hospital_id,effective_time\nP,1,2026-11-24\n", "unknown extract name")]
    [InlineData("landing/ehr/2026-11-24/demographics.xlsx", "x", "unknown extract name")]
    [InlineData("demographics.csv", "patient;hospital;when\nP;1;2026-11-24\n", "header lacks column(s) patient_id, hospital_id, effective_time")]
    [InlineData("encounters.csv", "encounter_id,patient_id,hospital_id,department,bed_id,admission_time\n", "header lacks column(s) discharge_time")]
    [InlineData("demographics.csv", "", "empty file: no header")]
    [InlineData("demographics.csv", "patient_id,hospital_id,effective_time\n", "empty file: no rows")]
    [InlineData("demographics.ndjson", "not json\n{broken\n", "no readable row: line 1: not a JSON object")]
    public void A_file_that_cannot_be_read_is_rejected_whole(string path, string text, string reason)
    {
        var extract = Parse(path, text);
        Assert.True(extract.Rejected);
        Assert.StartsWith(reason, extract.RejectReason);
        Assert.Empty(extract.Items);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_reject_the_file()
    {
        var extract = EhrExtractParser.Parse("demographics.csv", [0x70, 0xC3, 0x28, 0xFF, 0x0A], Now);
        Assert.Equal("not UTF-8 text", extract.RejectReason);
    }
}
