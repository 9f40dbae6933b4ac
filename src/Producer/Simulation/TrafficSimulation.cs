using System.Globalization;
using MHA.Grains.Catalog;

namespace MHA.Producer.Simulation;

/// <summary>
/// The discrete-event simulation behind <see cref="AdtTrafficGenerator"/>: Poisson arrivals per department,
/// lognormal stays in real free beds, transfers, discharges and readmissions of known patients.
/// Its state is the clean truth; dirty data is applied to copies of the events on the way out.
/// </summary>
internal sealed class TrafficSimulation
{
    private const double StaySigma = 0.6;
    private const double MinimumStayHours = 1;
    private const double ReadmissionProbability = 0.18;
    private const double AgedOneYearProbability = 0.3;
    private const double InsuranceChangeOnReadmissionProbability = 0.2;
    private const double UpdateDuringStayProbability = 0.04;
    private const int PatientPoolLimit = 20_000;
    private const int MaxTransferAttempts = 3;
    private const double TransferRetryHours = 1;

    // Admission gating (scheduled admissions cancelled near the target, urgent ones above the midpoint to full)
    // keeps occupancy a little under the offered load; this factor puts the calm-period mean back at the target.
    private const double OfferedLoadCalibration = 1.15;

    private readonly TrafficOptions _options;
    private readonly Random _random;
    private readonly Random _eventIds;
    private readonly DirtyDataInjector _dirty;
    private readonly SurgeCalendar _surge;
    private readonly DepartmentWard[] _wards;
    private readonly Dictionary<(int HospitalId, string Department), DepartmentWard> _wardsByName = [];
    private readonly PriorityQueue<ScheduledStep, (long Ticks, long Sequence)> _agenda = new();
    private readonly List<SimulatedPatient> _returningPatients = [];
    private readonly List<AdtEvent> _produced = [];
    private readonly AdtEventJsonWriter _standardWriter = new();
    private readonly LegacyEventJsonWriter _legacyWriter = new();
    private long _sequence;
    private int _nextPatientNumber = 1;

    public TrafficSimulation(HospitalCatalog catalog, TrafficOptions options)
    {
        _options = options;

        // Three generators from the one seed: traffic, event ids and dirt stay independent of each other,
        // so switching dirty data on or off leaves the simulated hospital traffic and its event ids unchanged.
        _random = new Random(options.Seed);
        _eventIds = new Random(unchecked(options.Seed * 31 + 7));
        _dirty = new DirtyDataInjector(options.Dirty, new Random(unchecked(options.Seed * 31 + 13)), options.Legacy);
        _surge = new SurgeCalendar(options.SurgeFactor);

        var wards = new List<DepartmentWard>();
        foreach (var hospital in catalog.Hospitals)
        {
            var bedOffset = 0;
            foreach (var department in hospital.Departments)
            {
                var ward = new DepartmentWard(wards.Count, department, bedOffset);
                bedOffset += department.Capacity;
                wards.Add(ward);
                _wardsByName[(hospital.Id, department.Department)] = ward;
            }
        }

        _wards = [.. wards];
        SetArrivalRates();
    }

    public IReadOnlyList<DepartmentWard> Wards => _wards;

    /// <summary>The time of the step being simulated.</summary>
    public DateTimeOffset Now { get; private set; }

    private double HighWatermark => (_options.TargetOccupancy + 1) / 2;

    public IEnumerable<GeneratedEvent> Run()
    {
        Now = _options.Start;
        FillInitialCensus();
        foreach (var ward in _wards)
        {
            ScheduleNextArrival(ward, _options.Start);
        }

        var duplicates = new List<PendingDuplicate>();
        while (true)
        {
            foreach (var clean in _produced)
            {
                var (emitted, kind) = _dirty.Apply(clean);
                var json = _options.Legacy ? _legacyWriter.Write(emitted) : _standardWriter.Write(emitted);
                yield return new GeneratedEvent(clean.EventTime, emitted.HospitalId, json, kind);

                foreach (var pending in duplicates)
                {
                    pending.EventsToWait--;
                }

                foreach (var ready in duplicates.Where(d => d.EventsToWait <= 0).ToArray())
                {
                    duplicates.Remove(ready);
                    yield return new GeneratedEvent(clean.EventTime, ready.HospitalId, ready.Json, DirtyKind.Duplicate);
                }

                if (_dirty.ShouldDuplicate())
                {
                    duplicates.Add(new PendingDuplicate(emitted.HospitalId, json, _dirty.DuplicateDelay()));
                }
            }

            _produced.Clear();
            Process(Dequeue());
        }
    }

    private void Process(ScheduledStep step)
    {
        switch (step.Kind)
        {
            case ScheduledStepKind.Arrival:
                Arrive(step.Ward);
                break;
            case ScheduledStepKind.StayPartEnds:
                EndStayPart(step.Stay!);
                break;
            case ScheduledStepKind.AttributeUpdate:
                UpdateAttributes(step.Stay!);
                break;
            default:
                throw new InvalidOperationException($"Unknown step {step.Kind}.");
        }
    }

    /// <summary>
    /// Rates that make each department's offered load its target occupancy: target × staffed beds ÷ typical stay,
    /// less the patients that reach it by transfer from other departments of the same hospital.
    /// </summary>
    private void SetArrivalRates()
    {
        var targetRates = _wards.ToDictionary(w => w, w => _options.TargetOccupancy * w.Info.StaffedBeds / w.Info.TypicalStayHours);
        var inflow = _wards.ToDictionary(w => w, _ => 0.0);
        foreach (var source in _wards)
        {
            var weights = source.Profile.TransferTargets.Sum(t => t.Weight);
            foreach (var (department, weight) in source.Profile.TransferTargets)
            {
                if (_wardsByName.TryGetValue((source.Info.HospitalId, department), out var target))
                {
                    inflow[target] += targetRates[source] * source.Profile.TransferProbability * weight / weights;
                }
            }
        }

        foreach (var ward in _wards)
        {
            var direct = Math.Max(0.25 * targetRates[ward], targetRates[ward] - (_options.Legacy ? 0 : inflow[ward]));
            ward.BaseArrivalsPerHour = direct * OfferedLoadCalibration;
        }
    }

    /// <summary>The patients already in beds at the start, admitted some time ago (a residual share of their stay).</summary>
    private void FillInitialCensus()
    {
        foreach (var ward in _wards)
        {
            var census = Math.Min(ward.Info.Capacity, (int)Math.Round(_options.InitialOccupancy * ward.Info.StaffedBeds));
            for (var i = 0; i < census; i++)
            {
                var patient = NewPatient(ward);
                var priority = _random.PickWeighted(ward.Profile.Priorities);
                var stayHours = SampleStayHours(ward);
                var elapsedHours = stayHours * _random.NextDouble();
                var remainingHours = Math.Max(0.25, stayHours - elapsedHours);
                Admit(ward, patient, priority, admissionTime: Later(_options.Start, -elapsedHours), endOfPart: Later(_options.Start, remainingHours));
            }
        }
    }

    private void ScheduleNextArrival(DepartmentWard ward, DateTimeOffset from)
    {
        // Candidates at the peak rate, thinned to the calendar's rate on arrival (a non-homogeneous Poisson process).
        var peakRate = ward.BaseArrivalsPerHour * _surge.MaxMultiplier;
        if (peakRate > 0)
        {
            Schedule(new ScheduledStep(ScheduledStepKind.Arrival, ward, null), Later(from, _random.ExponentialHours(peakRate)));
        }
    }

    private void Arrive(DepartmentWard ward)
    {
        ScheduleNextArrival(ward, Now);
        if (!_random.Chance(_surge.MultiplierAt(Now) / _surge.MaxMultiplier))
        {
            return;
        }

        var priority = _random.PickWeighted(ward.Profile.Priorities);
        if (!Admits(ward, priority))
        {
            return;
        }

        var patient = ChoosePatient(ward);
        Admit(ward, patient, priority, admissionTime: Now, endOfPart: Later(Now, SampleStayHours(ward)));
    }

    /// <summary>
    /// Whether the department takes an arrival: never without a free bed; scheduled admissions are cancelled at the
    /// target occupancy and urgent ones above the midpoint to full, which is how wards ride out a surge.
    /// </summary>
    private bool Admits(DepartmentWard ward, string priority)
    {
        if (!ward.HasFreeBed)
        {
            return false;
        }

        return priority switch
        {
            "Scheduled" => ward.Occupancy < _options.TargetOccupancy,
            "Emergency" => true,
            _ => ward.Occupancy < HighWatermark,
        };
    }

    private SimulatedPatient ChoosePatient(DepartmentWard ward)
    {
        if (_returningPatients.Count > 0 && _random.Chance(ReadmissionProbability))
        {
            // A few tries for someone the department can take (a child for pediatrics, a woman for maternity).
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var slot = _random.Next(_returningPatients.Count);
                var candidate = _returningPatients[slot];
                if (!ward.Profile.Ages.Contains(candidate.Age) || (ward.Profile.FemaleOnly && candidate.Gender != "Female"))
                {
                    continue;
                }

                _returningPatients[slot] = _returningPatients[^1];
                _returningPatients.RemoveAt(_returningPatients.Count - 1);
                if (_random.Chance(AgedOneYearProbability) && candidate.Age < 120)
                {
                    candidate.Age++;
                }

                if (_random.Chance(InsuranceChangeOnReadmissionProbability))
                {
                    candidate.InsuranceType = PatientAttributes.ChangedInsurance(_random, candidate.InsuranceType);
                }

                return candidate;
            }
        }

        return NewPatient(ward);
    }

    private SimulatedPatient NewPatient(DepartmentWard ward)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"P-{_nextPatientNumber++:000000}");
        var legacyId = _random.NextGuidString();
        var gender = PatientAttributes.Gender(_random, ward.Profile);
        var age = PatientAttributes.Age(_random, ward.Profile.Ages);
        return new SimulatedPatient(id, legacyId, gender, age, PatientAttributes.Insurance(_random, age));
    }

    private void Admit(DepartmentWard ward, SimulatedPatient patient, string priority, DateTimeOffset admissionTime, DateTimeOffset endOfPart)
    {
        var bed = ward.TakeBed(_random);
        patient.InHospital = true;
        var stay = new HospitalStay(patient, ward.Info.HospitalId, admissionTime, priority, _random.Pick(ward.Profile.DiagnosisCodes))
        {
            Ward = ward,
            BedNumber = bed,
            PlannedTransfer = PlanTransfer(ward),
        };

        Schedule(new ScheduledStep(ScheduledStepKind.StayPartEnds, ward, stay), endOfPart);
        if (!_options.Legacy && _random.Chance(UpdateDuringStayProbability))
        {
            var at = Now + (endOfPart - Now) * _random.NextDouble();
            Schedule(new ScheduledStep(ScheduledStepKind.AttributeUpdate, ward, stay), TruncateToMilliseconds(at));
        }

        // The legacy shape announces the whole stay at once: its discharge time is the planned end.
        Produce(AdtEventType.Admission, stay, dischargeTime: _options.Legacy ? endOfPart : null);
    }

    private DepartmentWard? PlanTransfer(DepartmentWard ward)
    {
        // The legacy shape cannot express a transfer.
        if (_options.Legacy || ward.Profile.TransferProbability <= 0 || !_random.Chance(ward.Profile.TransferProbability))
        {
            return null;
        }

        var department = _random.PickWeighted(ward.Profile.TransferTargets);
        return _wardsByName.GetValueOrDefault((ward.Info.HospitalId, department));
    }

    private void EndStayPart(HospitalStay stay)
    {
        if (stay.PlannedTransfer is { } target)
        {
            if (target.HasFreeBed && target.Occupancy < HighWatermark)
            {
                Transfer(stay, target);
                return;
            }

            // No bed upstairs: the patient boards where they are and the move is tried again later.
            if (++stay.TransferAttempts < MaxTransferAttempts)
            {
                Schedule(new ScheduledStep(ScheduledStepKind.StayPartEnds, stay.Ward, stay), Later(Now, TransferRetryHours));
                return;
            }
        }

        Discharge(stay);
    }

    private void Transfer(HospitalStay stay, DepartmentWard target)
    {
        var from = stay.Ward;
        var fromBed = stay.BedId;
        var newBed = target.TakeBed(_random);
        from.FreeBed(stay.BedNumber);
        stay.Ward = target;
        stay.BedNumber = newBed;
        stay.TransferAttempts = 0;
        stay.PlannedTransfer = PlanTransfer(target);
        Schedule(new ScheduledStep(ScheduledStepKind.StayPartEnds, target, stay), Later(Now, SampleStayHours(target)));
        Produce(AdtEventType.Transfer, stay, fromDepartment: from.Info.Department, fromBedId: fromBed);
    }

    private void Discharge(HospitalStay stay)
    {
        var ward = stay.Ward;
        ward.FreeBed(stay.BedNumber);
        stay.Ended = true;
        var patient = stay.Patient;
        patient.InHospital = false;
        var status = _random.PickWeighted(ward.Profile.DischargeStatuses);
        if (status != "Deceased")
        {
            RememberForReadmission(patient);
        }

        if (!_options.Legacy)
        {
            Produce(AdtEventType.Discharge, stay, dischargeTime: Now, dischargeStatus: status);
        }
    }

    private void RememberForReadmission(SimulatedPatient patient)
    {
        if (_returningPatients.Count < PatientPoolLimit)
        {
            _returningPatients.Add(patient);
        }
        else
        {
            // A bounded pool keeps memory flat on an endless run; someone forgotten is simply not readmitted.
            _returningPatients[_random.Next(_returningPatients.Count)] = patient;
        }
    }

    private void UpdateAttributes(HospitalStay stay)
    {
        if (stay.Ended)
        {
            return;
        }

        stay.Patient.InsuranceType = PatientAttributes.ChangedInsurance(_random, stay.Patient.InsuranceType);
        Produce(AdtEventType.Update, stay);
    }

    private void Produce(
        AdtEventType type,
        HospitalStay stay,
        DateTimeOffset? dischargeTime = null,
        string? fromDepartment = null,
        string? fromBedId = null,
        string? dischargeStatus = null)
    {
        var ward = stay.Ward;
        var patient = stay.Patient;
        _produced.Add(new AdtEvent(
            _eventIds.NextGuidString(),
            type,
            Now,
            patient.PatientId,
            patient.LegacyPatientId,
            ward.Info.HospitalId,
            ward.Info.HospitalName,
            ward.Info.Department,
            stay.BedId,
            ward.HospitalBedOffset + stay.BedNumber,
            fromDepartment,
            fromBedId,
            patient.Gender,
            patient.Age,
            patient.InsuranceType,
            stay.AdmissionTime,
            dischargeTime,
            stay.AdmissionPriority,
            stay.DiagnosisCode,
            dischargeStatus));
    }

    private double SampleStayHours(DepartmentWard ward)
    {
        var typical = ward.Info.TypicalStayHours;
        return Math.Clamp(_random.LogNormalWithMean(typical, StaySigma), MinimumStayHours, 10 * typical);
    }

    private void Schedule(ScheduledStep step, DateTimeOffset at) => _agenda.Enqueue(step, (at.UtcTicks, _sequence++));

    private ScheduledStep Dequeue()
    {
        _agenda.TryDequeue(out var step, out var key);
        Now = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
        return step!;
    }

    /// <summary><paramref name="hours"/> of simulated hospital time after <paramref name="from"/>, compressed by the time scale, in whole milliseconds.</summary>
    private DateTimeOffset Later(DateTimeOffset from, double hours)
    {
        var milliseconds = (long)Math.Round(hours * 3_600_000 / _options.TimeScale);
        if (hours > 0)
        {
            milliseconds = Math.Max(1, milliseconds);
        }

        return from + TimeSpan.FromMilliseconds(milliseconds);
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}
