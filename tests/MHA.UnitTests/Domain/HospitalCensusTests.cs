using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;

namespace MHA.UnitTests.Domain;

public sealed class HospitalCensusTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly HospitalCensus _census = new(HospitalCatalog.LoadDefault().GetHospital(1));
    private int _nextId;

    private AdtEvent Event(AdtEventType type, string patient, string? department, string? bed, int minutes, string? id = null,
        EventShape shape = EventShape.Standard, DateTimeOffset? discharge = null) => new()
    {
        EventId = id ?? $"e{++_nextId}",
        Type = type,
        EventTime = T0.AddMinutes(minutes),
        PatientId = patient,
        HospitalId = 1,
        Department = department,
        BedId = bed,
        ReceivedAt = T0.AddMinutes(minutes),
        Shape = shape,
        AdmissionTime = T0.AddMinutes(minutes),
        DischargeTime = discharge,
    };

    private CensusChange Apply(AdtEvent e, DateTimeOffset? now = null)
    {
        var change = new CensusChange();
        _census.Apply(e, now ?? e.EventTime.AddMinutes(1), change);
        return change;
    }

    private int Occupied(string department) => _census.Department(department).Occupied;

    [Fact]
    public void Admission_and_discharge_move_the_counts()
    {
        Apply(Event(AdtEventType.Admission, "p1", "ICU", "H1-ICU-01", 0));
        Apply(Event(AdtEventType.Admission, "p2", "ICU", "H1-ICU-02", 1));
        Assert.Equal(2, Occupied("ICU"));

        Apply(Event(AdtEventType.Discharge, "p1", "ICU", null, 2));
        Assert.Equal(1, Occupied("ICU"));
        var snapshot = _census.Department("ICU").Snapshot(T0.AddMinutes(3));
        Assert.Equal(2, snapshot.AdmissionsLastHour);
        Assert.Equal(1, snapshot.DischargesLastHour);
        Assert.Equal(19, snapshot.Available);
        Assert.Equal(5.0, snapshot.OccupancyPct);
    }

    [Fact]
    public void Duplicate_event_ids_count_once()
    {
        var admission = Event(AdtEventType.Admission, "p1", "ICU", "H1-ICU-01", 0, id: "same");
        Apply(admission);
        var change = Apply(admission with { PatientId = "p9", BedId = "H1-ICU-09" });
        Assert.Equal(1, change.Duplicates);
        Assert.Equal(1, Occupied("ICU"));
        Assert.Equal(1, _census.DuplicatesIgnored);
    }

    [Fact]
    public void The_same_bronze_row_delivered_again_is_ignored_not_counted_as_a_duplicate()
    {
        var admission = Event(AdtEventType.Admission, "p1", "ICU", "H1-ICU-01", 0, id: "once") with { BronzeSeq = 42 };
        Apply(admission);
        var redelivered = Apply(admission);
        var resent = Apply(admission with { BronzeSeq = 43 });

        Assert.Equal((0, 0, 1), (redelivered.Applied, redelivered.Duplicates, redelivered.Redelivered));
        Assert.Equal((0, 1, 0), (resent.Applied, resent.Duplicates, resent.Redelivered));
        Assert.Equal(1, Occupied("ICU"));
        Assert.Equal(1, _census.DuplicatesIgnored);
    }

    [Fact]
    public void Transfer_moves_the_patient_in_one_step()
    {
        Apply(Event(AdtEventType.Admission, "p1", "Emergency", "H1-ER-01", 0));
        var change = Apply(Event(AdtEventType.Transfer, "p1", "ICU", "H1-ICU-03", 30));
        Assert.Equal(0, Occupied("Emergency"));
        Assert.Equal(1, Occupied("ICU"));
        Assert.Equal(1, _census.Occupied);
        Assert.Equal(["Emergency", "ICU"], change.ChangedDepartments.Order());
        Assert.True(_census.TryGetPlacement("p1", out var department, out var bed));
        Assert.Equal(("ICU", "H1-ICU-03"), (department, bed));
    }

    [Fact]
    public void Discharge_of_a_patient_in_no_bed_changes_nothing_and_is_recorded()
    {
        var change = Apply(Event(AdtEventType.Discharge, "ghost", "ICU", null, 0));
        Assert.Equal(0, Occupied("ICU"));
        Assert.Equal(AnomalyKinds.DischargeWithoutAdmission, Assert.Single(change.Anomalies).Kind);
    }

    [Fact]
    public void Out_of_order_admission_after_its_discharge_does_not_reoccupy_the_bed()
    {
        Apply(Event(AdtEventType.Admission, "p1", "ICU", "H1-ICU-01", 0));
        Apply(Event(AdtEventType.Discharge, "p1", "ICU", null, 60));
        var late = Apply(Event(AdtEventType.Transfer, "p1", "Surgery", "H1-SURG-01", 30));
        Assert.Equal(0, _census.Occupied);
        Assert.Equal(AnomalyKinds.OutOfOrder, Assert.Single(late.Anomalies).Kind);
    }

    [Fact]
    public void Admission_into_an_occupied_bed_displaces_the_previous_occupant()
    {
        Apply(Event(AdtEventType.Admission, "p1", "ICU", "H1-ICU-01", 0));
        var change = Apply(Event(AdtEventType.Admission, "p2", "ICU", "H1-ICU-01", 5));
        Assert.Equal(1, Occupied("ICU"));
        Assert.False(_census.TryGetPlacement("p1", out _, out _));
        Assert.Contains(change.Anomalies, a => a.Kind == AnomalyKinds.BedReassigned);
    }

    [Fact]
    public void Readmission_while_in_bed_moves_instead_of_counting_twice()
    {
        Apply(Event(AdtEventType.Admission, "p1", "ICU", "H1-ICU-01", 0));
        Apply(Event(AdtEventType.Admission, "p1", "Cardiology", "H1-CARD-01", 5));
        Assert.Equal(0, Occupied("ICU"));
        Assert.Equal(1, Occupied("Cardiology"));
        Assert.Equal(1, _census.Occupied);
    }

    [Fact]
    public void Transfer_without_admission_places_the_patient_at_the_destination()
    {
        var change = Apply(Event(AdtEventType.Transfer, "p1", "ICU", "H1-ICU-01", 0));
        Assert.Equal(1, Occupied("ICU"));
        Assert.Equal(AnomalyKinds.TransferWithoutAdmission, Assert.Single(change.Anomalies).Kind);
    }

    [Fact]
    public void Legacy_stay_is_discharged_once_its_discharge_time_has_passed()
    {
        var admission = Event(AdtEventType.Admission, "p1", "Surgery", "231", 0, shape: EventShape.Legacy, discharge: T0.AddHours(2));
        Apply(admission, now: T0.AddMinutes(1));
        Assert.Equal(1, Occupied("Surgery"));

        var early = new CensusChange();
        _census.ReleaseDueDischarges(T0.AddHours(1), early);
        Assert.Equal(1, Occupied("Surgery"));

        var due = new CensusChange();
        _census.ReleaseDueDischarges(T0.AddHours(2).AddSeconds(1), due);
        Assert.Equal(0, Occupied("Surgery"));
        Assert.Contains("Surgery", due.ChangedDepartments);
    }

    [Fact]
    public void Legacy_stay_already_over_is_admitted_and_discharged_at_once()
    {
        Apply(Event(AdtEventType.Admission, "p1", "Surgery", "231", 0, shape: EventShape.Legacy, discharge: T0.AddHours(2)), now: T0.AddDays(1));
        Assert.Equal(0, Occupied("Surgery"));
    }

    [Fact]
    public void Counts_never_go_negative_whatever_the_order()
    {
        var random = new Random(42);
        var departments = new[] { "ICU", "Surgery", "Emergency" };
        for (var i = 0; i < 5000; i++)
        {
            var type = (AdtEventType)random.Next(0, 3);
            var department = departments[random.Next(departments.Length)];
            Apply(Event(type, $"p{random.Next(60)}", department, $"b{random.Next(30)}", random.Next(0, 600)));
        }

        Assert.All(_census.Departments, d => Assert.InRange(d.Occupied, 0, 30));
        var placedPatients = _census.Departments.SelectMany(d => d.Beds).Select(b => b.PatientId).ToArray();
        Assert.Equal(placedPatients.Length, placedPatients.Distinct().Count());
        Assert.Equal(_census.Occupied, placedPatients.Length);
    }

    [Fact]
    public void Dedupe_memory_is_bounded()
    {
        var census = new HospitalCensus(HospitalCatalog.LoadDefault().GetHospital(1), new CensusLimits(100, 100));
        for (var i = 0; i < 1000; i++)
        {
            census.Apply(Event(AdtEventType.Update, $"p{i}", null, null, 0, id: $"id{i}"), T0, new CensusChange());
        }

        var change = new CensusChange();
        census.Apply(Event(AdtEventType.Update, "p999", null, null, 1, id: "id999"), T0, change);
        Assert.Equal(1, change.Duplicates);
    }

    [Fact]
    public void Legacy_planned_discharge_does_not_end_the_patients_next_stay()
    {
        Apply(Event(AdtEventType.Admission, "p1", "Surgery", "231", 0, shape: EventShape.Legacy, discharge: T0.AddHours(2)), now: T0.AddMinutes(1));
        var readmitted = Apply(Event(AdtEventType.Admission, "p1", "ICU", "H1-ICU-01", 30), now: T0.AddMinutes(31));
        Assert.Equal(AnomalyKinds.AdmittedWhileInBed, Assert.Single(readmitted.Anomalies).Kind);

        var due = new CensusChange();
        _census.ReleaseDueDischarges(T0.AddHours(3), due);
        Assert.Equal(1, Occupied("ICU"));
        Assert.True(_census.TryGetPlacement("p1", out var department, out var bed));
        Assert.Equal(("ICU", "H1-ICU-01"), (department, bed));
    }

    [Fact]
    public void Transfer_keeps_the_stay_of_the_admission_for_a_listener()
    {
        var listener = new StayListener();
        var census = new HospitalCensus(HospitalCatalog.LoadDefault().GetHospital(1), listener: listener);
        foreach (var e in new[]
                 {
                     Event(AdtEventType.Admission, "p1", "Emergency", "H1-ER-01", 0, id: "admit"),
                     Event(AdtEventType.Transfer, "p1", "ICU", "H1-ICU-01", 10, id: "move"),
                     Event(AdtEventType.Discharge, "p1", "ICU", null, 20, id: "leave"),
                 })
        {
            census.Apply(e, e.EventTime.AddMinutes(1), new CensusChange());
        }

        Assert.Equal(["+admit H1-ER-01", "-admit H1-ER-01 Transfer", "+admit H1-ICU-01", "-admit H1-ICU-01 Discharge"], listener.Moves);
    }

    private sealed class StayListener : ICensusListener
    {
        public List<string> Moves { get; } = [];

        public void Occupied(string patientId, string stayId, string department, string bedId, DateTimeOffset since) => Moves.Add($"+{stayId} {bedId}");

        public void Vacated(string patientId, string stayId, string department, string bedId, DateTimeOffset at, StayEnd end) => Moves.Add($"-{stayId} {bedId} {end}");
    }
}
