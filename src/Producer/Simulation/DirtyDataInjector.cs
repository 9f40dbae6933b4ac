namespace MHA.Producer.Simulation;

/// <summary>
/// Turns a clean event into the dirty variant a real sender might emit. It only ever returns a modified copy:
/// the simulation keeps its clean truth. It has its own seeded <see cref="Random"/>, so changing the dirty rates
/// does not change the simulated traffic underneath.
/// </summary>
internal sealed class DirtyDataInjector(DirtyDataRates rates, Random random, bool legacy)
{
    private static readonly int[] InvalidAges = [-5, -1, 125, 150, 200];

    private static readonly int[] InvalidHospitalIds = [-1, 0, 99, 999];

    private static readonly AdtField[] StandardDroppableFields =
        [AdtField.PatientId, AdtField.Department, AdtField.BedId, AdtField.Gender, AdtField.Age, AdtField.AdmissionTime, AdtField.EventTime];

    // The legacy shape has no event_time to lose.
    private static readonly AdtField[] LegacyDroppableFields =
        [AdtField.PatientId, AdtField.Department, AdtField.BedId, AdtField.Gender, AdtField.Age, AdtField.AdmissionTime];

    private static readonly Dictionary<string, string[]> DepartmentTypos = new(StringComparer.Ordinal)
    {
        ["Emergency"] = ["Emergancy", "ER", "emergency", "Emergeny"],
        ["Surgery"] = ["Surgey", "SURG", "surgery"],
        ["ICU"] = ["icu", "I.C.U.", "Intensive Care"],
        ["Pediatrics"] = ["PEDS", "Pedaitrics", "Paediatrics"],
        ["Maternity"] = ["OB/GYN", "Maternaty", "OBGYN"],
        ["Oncology"] = ["Oncolgy", "ONCO", "oncology"],
        ["Cardiology"] = ["CARDIO", "Cardiolgy", "cardiology"],
    };

    // Draw order of the kinds that change fields; at most one of them applies to an event.
    private static readonly DirtyKind[] ExclusiveKinds =
    [
        DirtyKind.InvalidAge, DirtyKind.FutureAdmission, DirtyKind.MissingField,
        DirtyKind.DischargeBeforeAdmission, DirtyKind.DepartmentTypo, DirtyKind.InvalidHospital,
    ];

    /// <summary>
    /// Chooses at most one field-level kind for the event and applies it. A kind drawn for an event it cannot apply
    /// to (discharge-before-admission on an admission) leaves the event clean, so each rate is per eligible event.
    /// </summary>
    public (AdtEvent Emitted, DirtyKind? Kind) Apply(AdtEvent clean)
    {
        var point = random.NextDouble();
        foreach (var kind in ExclusiveKinds)
        {
            point -= rates.RateOf(kind);
            if (point < 0)
            {
                return IsEligible(kind, clean) ? (Dirty(kind, clean), kind) : (clean, null);
            }
        }

        return (clean, null);
    }

    /// <summary>Whether the event just emitted should be sent a second time a little later.</summary>
    public bool ShouldDuplicate() => random.NextDouble() < rates.Duplicate;

    /// <summary>How many events later the duplicate follows (1..5).</summary>
    public int DuplicateDelay() => random.Next(1, 6);

    public static IReadOnlyList<string> TyposOf(string department) => DepartmentTypos.GetValueOrDefault(department, []);

    private bool IsEligible(DirtyKind kind, AdtEvent e) => kind switch
    {
        // Only a discharge has a discharge time in the standard shape; every legacy event has one.
        DirtyKind.DischargeBeforeAdmission => legacy || e.Type == AdtEventType.Discharge,
        // A future admission time is a registration error; it belongs on the events that register a stay or a move.
        DirtyKind.FutureAdmission => legacy || e.Type is AdtEventType.Admission or AdtEventType.Transfer,
        DirtyKind.DepartmentTypo => TyposOf(e.Department).Count > 0,
        _ => true,
    };

    private AdtEvent Dirty(DirtyKind kind, AdtEvent e) => kind switch
    {
        DirtyKind.InvalidAge => e with { Age = random.Pick(InvalidAges) },
        DirtyKind.FutureAdmission => FutureAdmission(e),
        DirtyKind.MissingField => e with { OmittedField = random.Pick(legacy ? LegacyDroppableFields : StandardDroppableFields) },
        DirtyKind.DischargeBeforeAdmission => e with
        {
            DischargeTime = e.AdmissionTime - TimeSpan.FromMinutes(random.Next(60, 24 * 60 + 1)),
        },
        DirtyKind.DepartmentTypo => e with { Department = random.Pick(TyposOf(e.Department)) },
        DirtyKind.InvalidHospital => e with { HospitalId = random.Pick(InvalidHospitalIds) },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private AdtEvent FutureAdmission(AdtEvent e)
    {
        var ahead = TimeSpan.FromMinutes(random.Next(60, 72 * 60 + 1));
        var admission = e.EventTime + ahead;

        // The legacy stay keeps its length, as in the original producer, where both times were in the future.
        var discharge = legacy && e.DischargeTime is { } planned ? admission + (planned - e.AdmissionTime) : e.DischargeTime;
        return e with { AdmissionTime = admission, DischargeTime = discharge };
    }
}
