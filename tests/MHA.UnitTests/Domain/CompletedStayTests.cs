using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;

namespace MHA.UnitTests.Domain;

/// <summary>Completed encounters from the EHR batch are history: counted as stays, never taking a bed on the live board.</summary>
public sealed class CompletedStayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly RecordingListener _stays = new();
    private readonly HospitalCensus _census;

    public CompletedStayTests() => _census = new HospitalCensus(HospitalCatalog.LoadDefault().GetHospital(1), listener: _stays);

    private static AdtEvent Event(string id, AdtEventType type, string patient, string bed, DateTimeOffset time, string source,
        DateTimeOffset? admitted = null, DateTimeOffset? discharged = null) => new()
    {
        EventId = id, Type = type, EventTime = time, PatientId = patient, HospitalId = 1, Department = "ICU", BedId = bed,
        ReceivedAt = Now, AdmissionTime = admitted, DischargeTime = discharged, Source = source,
    };

    private CensusChange Apply(AdtEvent e)
    {
        var change = new CensusChange();
        _census.Apply(e, Now, change);
        return change;
    }

    [Fact]
    public void A_completed_batch_encounter_in_an_occupied_bed_leaves_the_live_patient_in_it()
    {
        Apply(Event("live", AdtEventType.Admission, "live-patient", "H1-ICU-01", Now.AddHours(-5), "http", Now.AddHours(-5)));
        var (admitted, discharged) = (Now.AddDays(-3), Now.AddDays(-2));

        var admission = Apply(Event("ehr-a", AdtEventType.Admission, "past-patient", "H1-ICU-01", admitted, "batch", admitted, discharged));
        var discharge = Apply(Event("ehr-d", AdtEventType.Discharge, "past-patient", "H1-ICU-01", discharged, "batch", admitted, discharged));

        Assert.Empty(admission.Anomalies);
        Assert.Empty(discharge.Anomalies);
        var occupant = Assert.Single(_census.Department("ICU").Beds);
        Assert.Equal("live-patient", occupant.PatientId);
        Assert.Contains(("past-patient", "ehr-a", admitted, discharged), _stays.Completed);
    }

    [Fact]
    public void A_completed_batch_encounter_of_a_patient_in_a_bed_now_does_not_count_the_live_stay_twice()
    {
        Apply(Event("live", AdtEventType.Admission, "p", "H1-ICU-02", Now.AddHours(-5), "http", Now.AddHours(-5)));
        var change = Apply(Event("ehr-a", AdtEventType.Admission, "p", "H1-ICU-05", Now.AddHours(-4), "batch", Now.AddHours(-4), Now.AddHours(-1)));

        Assert.Equal(AnomalyKinds.HistoryWhileInBed, Assert.Single(change.Anomalies).Kind);
        Assert.Equal("H1-ICU-02", Assert.Single(_census.Department("ICU").Beds).BedId);
        Assert.Empty(_stays.Completed);
    }

    [Fact]
    public void The_same_admission_from_a_live_source_still_takes_the_bed()
    {
        Apply(Event("live", AdtEventType.Admission, "live-patient", "H1-ICU-01", Now.AddHours(-5), "http", Now.AddHours(-5)));
        var change = Apply(Event("other", AdtEventType.Admission, "someone", "H1-ICU-01", Now.AddHours(-1), "http", Now.AddHours(-1), Now.AddMinutes(-10)));

        Assert.Contains(change.Anomalies, a => a.Kind == AnomalyKinds.BedReassigned);
        Assert.Equal("someone", Assert.Single(_census.Department("ICU").Beds).PatientId);
    }

    private sealed class RecordingListener : ICensusListener
    {
        private readonly Dictionary<string, DateTimeOffset> _open = [];

        public List<(string Patient, string Stay, DateTimeOffset From, DateTimeOffset To)> Completed { get; } = [];

        public void Occupied(string patientId, string stayId, string department, string bedId, DateTimeOffset since) => _open[stayId] = since;

        public void Vacated(string patientId, string stayId, string department, string bedId, DateTimeOffset at, StayEnd end)
        {
            if (end == StayEnd.Discharge && _open.Remove(stayId, out var since)) Completed.Add((patientId, stayId, since, at));
        }
    }
}
