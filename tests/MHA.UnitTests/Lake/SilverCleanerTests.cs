using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Silver;

namespace MHA.UnitTests.Lake;

public sealed class SilverCleanerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static AdtEvent Event(string patient, int? age, int? rawAge, AdtEventType type = AdtEventType.Admission,
        DateTimeOffset? admitted = null, DateTimeOffset? discharged = null, params string[] flags) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        Type = type,
        EventTime = T0,
        PatientId = patient,
        HospitalId = 1,
        Age = age,
        RawAge = rawAge,
        AdmissionTime = admitted,
        DischargeTime = discharged,
        ReceivedAt = T0,
        Flags = flags,
    };

    [Fact]
    public void Invalid_age_takes_the_last_known_valid_age_from_the_patient_history()
    {
        var history = new PatientHistory();
        history.Observe(PatientObservation.From(Event("P-1", 64, 64)));
        var invalid = Event("P-1", null, 150, flags: DataQualityFlags.AgeOutOfRange);

        var row = SilverCleaner.Clean(invalid, history.CleanedAge(PatientObservation.From(invalid)), "H");
        Assert.Equal(64, row.Age);
        Assert.Equal("age_out_of_range,age_from_history", row.DqFlags);
    }

    [Fact]
    public void Invalid_age_without_history_stays_null_never_invented()
    {
        var invalid = Event("P-2", null, -5, flags: DataQualityFlags.AgeOutOfRange);
        var row = SilverCleaner.Clean(invalid, new PatientHistory().CleanedAge(PatientObservation.From(invalid)), "H");
        Assert.Null(row.Age);
        Assert.Equal("age_out_of_range", row.DqFlags);
    }

    [Fact]
    public void Missing_age_is_not_filled_from_history()
    {
        var history = new PatientHistory();
        history.Observe(PatientObservation.From(Event("P-3", 30, 30)));
        var missing = Event("P-3", null, null);
        Assert.Null(SilverCleaner.Clean(missing, history.CleanedAge(PatientObservation.From(missing)), "H").Age);
    }

    [Fact]
    public void Length_of_stay_is_computed_for_discharges_and_never_negative()
    {
        Assert.Equal(30.0, SilverCleaner.Clean(Event("P-4", 1, 1, AdtEventType.Discharge, T0.AddHours(-30), T0), 1, "H").LengthOfStayHours);
        Assert.Null(SilverCleaner.Clean(Event("P-4", 1, 1, AdtEventType.Discharge, T0, T0.AddHours(-2)), 1, "H").LengthOfStayHours);
    }

    [Theory]
    [InlineData("silver/adt_events/event_date=2026-01-05/part-000000000010-000000000042-abcd1234.parquet", 42)]
    [InlineData("gold/dim_date/part-00000.parquet", 0)]
    public void Part_file_names_carry_their_last_ingest_sequence(string path, long last)
    {
        Assert.Equal(last, LakePaths.LastSeqOf(path));
    }
}
