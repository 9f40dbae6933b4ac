using MHA.IntegrationTests.Infrastructure;
using Xunit.Sdk;

namespace MHA.IntegrationTests;

/// <summary>
/// The scan the PHI assertions rely on (<see cref="PhiScan"/>) finds what it must, so a passing scan means something:
/// ids inside longer text, in either event shape, and it refuses scans that could not fail.
/// </summary>
public sealed class PhiScanTests
{
    private static readonly string[] Events =
    [
        """{"event_id":"e1","event_type":"ADMISSION","patient_id":"P-000123","hospital_id":1,"department":"ICU","bed_id":"H1-ICU-01"}""",
        """{"patient_id":"0f8fad5b-d9cb-469f-a165-70867728950e","gender":"Male","age":54,"department":"Surgery","bed_id":231,"hospital_id":6}""",
        """{"event_id":"e3","event_type":"ADMISSION","patient_id":"P-0009""",
    ];

    [Fact]
    public void Reads_the_patient_ids_of_both_event_shapes_and_skips_items_that_are_not_json()
    {
        Assert.Equal(["0f8fad5b-d9cb-469f-a165-70867728950e", "P-000123"], PhiScan.PatientIds(Events).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Hospital 1: stay P-000123 moved")]
    [InlineData("batch file rejected: effective_time 'xP-000123y' is not a timestamp")]
    [InlineData("{\"data\":{\"summary\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}}")]
    [InlineData("P-000123")]
    public void Fails_when_a_text_holds_a_patient_id(string leaking)
    {
        var failure = Assert.Throws<FailException>(() => PhiScan.AssertNoPatientIds(["Gold refresh: 12 Silver rows", leaking], Events, "a test text"));
        Assert.Contains("found in a test text", failure.Message);
    }

    [Fact]
    public void Passes_texts_without_patient_ids()
    {
        PhiScan.AssertNoPatientIds(["Ingest http 0HN: 2 accepted, 1 rejected", "P-00012", "p-000123", "0f8fad5b-d9cb-469f-a165-70867728950"], Events, "a test text");
    }

    [Fact]
    public void Refuses_a_scan_that_could_not_fail()
    {
        Assert.Throws<ArgumentException>(() => PhiScan.AssertNone(["P-1 was here"], ["P-1"], "a test text"));
        Assert.Throws<ArgumentException>(() => PhiScan.AssertNone(["text"], [], "a test text"));
        Assert.Throws<ArgumentException>(() => PhiScan.AssertNone([], ["P-000123"], "a test text"));
    }
}
