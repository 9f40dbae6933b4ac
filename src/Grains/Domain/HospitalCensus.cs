using MHA.Grains.Catalog;
using MHA.Grains.Contracts;

namespace MHA.Grains.Domain;

/// <summary>
/// The live bed census of one hospital and the occupancy rules of docs/events.md: applies events in order,
/// counts each event id once, never lets a count go negative, never shows a patient in two beds, and
/// records an anomaly wherever the input says something impossible.
/// </summary>
public sealed class HospitalCensus
{
    private readonly Dictionary<string, DepartmentCensus> _departments;
    private readonly Dictionary<string, Placement> _placements = new(StringComparer.Ordinal);
    private readonly BoundedRecentMap<long> _seenEventIds;
    private readonly BoundedRecentMap<DateTimeOffset> _departedLastEvent;
    private readonly BoundedRecentMap<DateTimeOffset> _historyStays;
    private readonly PriorityQueue<ScheduledDischarge, DateTimeOffset> _scheduledDischarges = new();
    private readonly ICensusListener? _listener;

    public HospitalCensus(HospitalInfo hospital, CensusLimits? limits = null, ICensusListener? listener = null)
    {
        _listener = listener;
        limits ??= CensusLimits.Default;
        Hospital = hospital;
        _departments = hospital.Departments.ToDictionary(d => d.Department, d => new DepartmentCensus(d), StringComparer.Ordinal);
        _seenEventIds = new BoundedRecentMap<long>(limits.RememberedEventIds);
        _departedLastEvent = new BoundedRecentMap<DateTimeOffset>(limits.RememberedDepartedPatients);
        _historyStays = new BoundedRecentMap<DateTimeOffset>(limits.RememberedDepartedPatients);
    }

    public HospitalInfo Hospital { get; private set; }

    /// <summary>New department metadata (capacity, staffed beds) for this hospital; returns the departments whose metadata changed.</summary>
    public IReadOnlyList<string> Reconfigure(IReadOnlyList<DepartmentInfo> departments)
    {
        var changed = new List<string>();
        foreach (var info in departments)
        {
            if (info.HospitalId != Hospital.Id || !_departments.TryGetValue(info.Department, out var department) || department.Info == info) continue;
            department.Reconfigure(info);
            changed.Add(info.Department);
        }

        Hospital = Hospital with { Departments = Hospital.Departments.Select(d => _departments[d.Department].Info).ToArray() };
        return changed;
    }

    public long EventsApplied { get; private set; }

    public long DuplicatesIgnored { get; private set; }

    public int Occupied => _placements.Count;

    public IEnumerable<DepartmentCensus> Departments => _departments.Values;

    public DepartmentCensus Department(string name) => _departments[name];

    public bool TryGetPlacement(string patientId, out string department, out string bedId)
    {
        var found = _placements.TryGetValue(patientId, out var placement);
        department = placement?.Department ?? "";
        bedId = placement?.BedId ?? "";
        return found;
    }

    /// <summary>Applies one event; <paramref name="now"/> is the engine clock (for legacy discharges and last-hour counts).</summary>
    public void Apply(AdtEvent e, DateTimeOffset now, CensusChange change)
    {
        if (e.HospitalId != Hospital.Id)
        {
            throw new ArgumentException($"Event for hospital {e.HospitalId} sent to the census of hospital {Hospital.Id}.", nameof(e));
        }

        var idHash = IdHash.Of(e.EventId);
        if (_seenEventIds.TryGetValue(idHash, out var seenBronzeSeq))
        {
            if (e.BronzeSeq != 0 && e.BronzeSeq == seenBronzeSeq)
            {
                // The same Bronze row again (stream redelivery after a crash): it was applied and recorded already.
                change.Redelivered++;
                return;
            }

            DuplicatesIgnored++;
            change.Duplicates++;
            return;
        }

        _seenEventIds.Set(idHash, e.BronzeSeq);
        EventsApplied++;
        change.Applied++;

        var patientHash = IdHash.Of(e.PatientId);
        _placements.TryGetValue(e.PatientId, out var placement);
        var lastEventTime = placement?.LastEventTime ?? (_departedLastEvent.TryGetValue(patientHash, out var t) ? t : (DateTimeOffset?)null);
        if (e.EventTimeFromReceipt)
        {
            // No time was sent: apply in arrival order, without moving the patient's clock to the receipt time.
            e = e with { EventTime = lastEventTime ?? e.EventTime };
        }
        else if (lastEventTime is { } last && e.EventTime < last)
        {
            Record(change, AnomalyKinds.OutOfOrder, e, e.Department);
            return;
        }

        if (IsCompletedStay(e, now))
        {
            RecordCompletedStay(e, placement, patientHash, now, change);
            return;
        }

        switch (e.Type)
        {
            case AdtEventType.Admission:
                Admit(e, placement, now, change);
                break;
            case AdtEventType.Transfer:
                Transfer(e, placement, now, change);
                break;
            case AdtEventType.Discharge:
                if (placement is null && e.Source == BatchSource && _historyStays.TryGetValue(patientHash, out var historyEnd) && historyEnd == e.EventTime)
                {
                    // The end of a completed stay recorded as history just before: counted, no anomaly.
                    if (e.Department is { } ended && _departments.TryGetValue(ended, out var endedIn)) endedIn.Discharges.Add(e.EventTime, now);
                    _departedLastEvent.Set(patientHash, e.EventTime);
                }
                else if (placement is null)
                {
                    Record(change, AnomalyKinds.DischargeWithoutAdmission, e, e.Department);
                    _departedLastEvent.Set(patientHash, e.EventTime);
                }
                else
                {
                    Leave(e.PatientId, placement, now, change, StayEnd.Discharge, DischargeTimeOf(e, placement));
                    var department = _departments[placement.Department];
                    department.Discharges.Add(e.EventTime, now);
                    _departedLastEvent.Set(patientHash, e.EventTime);
                }

                break;
            case AdtEventType.Update:
                if (placement is not null) placement.LastEventTime = e.EventTime;
                else _departedLastEvent.Set(patientHash, e.EventTime);
                break;
        }
    }

    private const string BatchSource = "batch";

    /// <summary>
    /// An admission a batch reports after the fact, with its discharge already past (a completed EHR encounter): history.
    /// It must never take a bed from the live board.
    /// </summary>
    private static bool IsCompletedStay(AdtEvent e, DateTimeOffset now) =>
        e is { Type: AdtEventType.Admission, Shape: EventShape.Standard, Source: BatchSource, DischargeTime: { } end } && end <= now;

    /// <summary>
    /// Records a completed stay as history: the stay (for Gold) and the admission are counted, but no bed is taken, so no
    /// live patient is displaced and the board does not change. A patient the census has in a bed now keeps that bed
    /// (anomaly <c>history_while_in_bed</c>): the live stay is never counted twice.
    /// </summary>
    private void RecordCompletedStay(AdtEvent e, Placement? placement, ulong patientHash, DateTimeOffset now, CensusChange change)
    {
        if (placement is not null)
        {
            Record(change, AnomalyKinds.HistoryWhileInBed, e, placement.Department);
            return;
        }

        var department = _departments[e.Department!];
        var since = e.AdmissionTime ?? e.EventTime;
        var end = e.DischargeTime!.Value < since ? since : e.DischargeTime.Value;
        _listener?.Occupied(e.PatientId, e.EventId, e.Department!, e.BedId!, since);
        _listener?.Vacated(e.PatientId, e.EventId, e.Department!, e.BedId!, end, StayEnd.Discharge);
        department.Admissions.Add(e.EventTime, now);
        department.UpdatedAt = now;
        change.ChangedDepartments.Add(e.Department!);
        _departedLastEvent.Set(patientHash, e.EventTime);
        _historyStays.Set(patientHash, e.DischargeTime.Value);
    }

    /// <summary>Discharges legacy-shape stays whose planned discharge time has passed.</summary>
    public void ReleaseDueDischarges(DateTimeOffset now, CensusChange change)
    {
        while (_scheduledDischarges.TryPeek(out var due, out var dueAt) && dueAt <= now)
        {
            _scheduledDischarges.Dequeue();
            if (_placements.TryGetValue(due.PatientId, out var placement) && placement.StayHash == due.StayHash)
            {
                Leave(due.PatientId, placement, now, change, StayEnd.Discharge, dueAt);
                _departments[placement.Department].Discharges.Add(dueAt, now);
                _departedLastEvent.Set(IdHash.Of(due.PatientId), dueAt);
            }
        }
    }

    public HospitalOccupancy Snapshot(DateTimeOffset now) =>
        HospitalOccupancy.Sum(Hospital.Id, Hospital.Name, Hospital.Departments.Select(d => _departments[d.Department].Snapshot(now)).ToArray());

    private void Admit(AdtEvent e, Placement? placement, DateTimeOffset now, CensusChange change)
    {
        var department = e.Department!;
        var bedId = e.BedId!;
        if (placement is not null)
        {
            if (placement.Department == department && placement.BedId == bedId)
            {
                Record(change, AnomalyKinds.AlreadyInBed, e, department);
                placement.LastEventTime = e.EventTime;
                return;
            }

            Record(change, AnomalyKinds.AdmittedWhileInBed, e, placement.Department);
            Leave(e.PatientId, placement, now, change, StayEnd.Readmitted, e.EventTime);
        }

        var since = e.AdmissionTime ?? e.EventTime;
        var expectedDischarge = e.Shape == EventShape.Legacy ? e.DischargeTime : null;
        Occupy(e, department, bedId, since, expectedDischarge, now, change);
        _departments[department].Admissions.Add(e.EventTime, now);

        if (e.Shape == EventShape.Legacy && e.DischargeTime is { } dischargeAt)
        {
            _scheduledDischarges.Enqueue(new ScheduledDischarge(e.PatientId, IdHash.Of(e.EventId)), dischargeAt);
            ReleaseDueDischarges(now, change);
        }
    }

    private void Transfer(AdtEvent e, Placement? placement, DateTimeOffset now, CensusChange change)
    {
        var department = e.Department!;
        var bedId = e.BedId!;
        if (placement is null)
        {
            Record(change, AnomalyKinds.TransferWithoutAdmission, e, department);
        }
        else
        {
            if (placement.Department == department && placement.BedId == bedId)
            {
                placement.LastEventTime = e.EventTime;
                return;
            }

            Leave(e.PatientId, placement, now, change, StayEnd.Transfer, e.EventTime);
        }

        Occupy(e, department, bedId, e.EventTime, placement?.ExpectedDischarge, now, change, placement);
    }

    /// <summary>Puts the patient in the bed: a new stay opened by <paramref name="e"/>, or <paramref name="continuedStay"/>'s stay (a transfer).</summary>
    private void Occupy(AdtEvent e, string departmentName, string bedId, DateTimeOffset since, DateTimeOffset? expectedDischarge,
        DateTimeOffset now, CensusChange change, Placement? continuedStay = null)
    {
        var department = _departments[departmentName];
        if (department.TryGetOccupant(bedId, out var previous) && previous.PatientId != e.PatientId)
        {
            Record(change, AnomalyKinds.BedReassigned, e, departmentName);
            if (_placements.TryGetValue(previous.PatientId, out var displaced))
            {
                Leave(previous.PatientId, displaced, now, change, StayEnd.Displaced, e.EventTime);
                _departedLastEvent.Set(IdHash.Of(previous.PatientId), displaced.LastEventTime);
            }
        }

        var occupant = new BedOccupant(bedId, e.PatientId, since, expectedDischarge);
        department.Occupy(occupant);
        var placement = continuedStay is null
            ? new Placement(departmentName, occupant, _listener is null ? null : e.EventId, IdHash.Of(e.EventId))
            : new Placement(departmentName, occupant, continuedStay.StayId, continuedStay.StayHash);
        placement.LastEventTime = e.EventTime;
        _placements[e.PatientId] = placement;
        _listener?.Occupied(e.PatientId, placement.StayId!, departmentName, bedId, since);
        department.UpdatedAt = now;
        change.ChangedDepartments.Add(departmentName);
        if (department.Occupied > department.Info.Capacity)
        {
            Record(change, AnomalyKinds.OverCapacity, e, departmentName);
        }
    }

    private void Leave(string patientId, Placement placement, DateTimeOffset now, CensusChange change, StayEnd end, DateTimeOffset at)
    {
        _listener?.Vacated(patientId, placement.StayId!, placement.Department, placement.BedId, at, end);
        var department = _departments[placement.Department];
        if (department.TryGetOccupant(placement.BedId, out var occupant) && occupant.PatientId == patientId)
        {
            department.Vacate(placement.BedId);
        }

        _placements.Remove(patientId);
        department.UpdatedAt = now;
        change.ChangedDepartments.Add(placement.Department);
    }

    /// <summary>When a discharge ended the stay: its discharge time, unless that lies before the stay began (then the event time).</summary>
    private static DateTimeOffset DischargeTimeOf(AdtEvent e, Placement placement) =>
        e.DischargeTime is { } t && t >= placement.Since ? t : e.EventTime;

    private static void Record(CensusChange change, string kind, AdtEvent e, string? department) =>
        change.Anomalies.Add(new OccupancyAnomaly(kind, e.EventId, department, e.EventTime));

    /// <summary>
    /// Where a patient is: the department and the occupant record its bed holds (bed, since, expected discharge: one
    /// object for both), the stay (its admitting event id: as text only when a listener hears stays, its
    /// <see cref="IdHash"/> always) and the last applied event time. One per patient in a bed, so kept small.
    /// </summary>
    private sealed class Placement(string department, BedOccupant occupant, string? stayId, ulong stayHash)
    {
        public string Department { get; } = department;

        public BedOccupant Occupant { get; } = occupant;

        public string BedId => Occupant.BedId;

        public DateTimeOffset Since => Occupant.Since;

        public DateTimeOffset? ExpectedDischarge => Occupant.ExpectedDischarge;

        public string? StayId { get; } = stayId;

        public ulong StayHash { get; } = stayHash;

        public DateTimeOffset LastEventTime { get; set; }
    }

    /// <summary>A legacy stay's planned discharge: it applies only while the patient is still in that stay.</summary>
    private sealed record ScheduledDischarge(string PatientId, ulong StayHash);
}
