namespace MHA.Producer.Simulation;

/// <summary>
/// How patients of one department look: admission priorities, ages, diagnoses (ICD-10), discharge outcomes and
/// where their stays continue (transfers). Departments missing here (a custom catalog) get the general profile.
/// </summary>
internal sealed record DepartmentProfile(
    (string Value, double Weight)[] Priorities,
    AgeRange Ages,
    bool FemaleOnly,
    string[] DiagnosisCodes,
    (string Value, double Weight)[] DischargeStatuses,
    double TransferProbability,
    (string Value, double Weight)[] TransferTargets)
{
    // The richer original producer's mix: Emergency 40 / Urgent 25 / Scheduled 25 / Transfer 10.
    private static readonly (string, double)[] GeneralPriorities = [("Emergency", 40), ("Urgent", 25), ("Scheduled", 25), ("Transfer", 10)];

    private static readonly (string, double)[] UsualOutcomes = [("Home", 88), ("Transfer", 6), ("AMA", 4), ("Deceased", 2)];

    public static DepartmentProfile General { get; } = new(
        GeneralPriorities, new AgeRange(18, 95), false, ["R69", "Z03.89"], UsualOutcomes, 0, []);

    private static readonly Dictionary<string, DepartmentProfile> ByDepartment = new(StringComparer.Ordinal)
    {
        ["Emergency"] = new(
            [("Emergency", 80), ("Urgent", 20)],
            new AgeRange(0, 95), false,
            ["R07.9", "S52.5", "J18.9", "R10.9", "S06.0", "T78.4", "I21.4", "N39.0"],
            [("Home", 93), ("Transfer", 3), ("AMA", 3.5), ("Deceased", 0.5)],
            // Few ED visits become inpatient transfers, but each feeds a long stay upstairs.
            0.05,
            [("ICU", 35), ("Surgery", 35), ("Cardiology", 30)]),
        ["Surgery"] = new(
            GeneralPriorities, new AgeRange(18, 92), false,
            ["K35.8", "K80.2", "M16.1", "S72.0", "K40.9", "C18.9"],
            UsualOutcomes, 0.04, [("ICU", 100)]),
        ["ICU"] = new(
            [("Emergency", 55), ("Urgent", 25), ("Transfer", 20)],
            new AgeRange(18, 95), false,
            ["J96.0", "A41.9", "I46.9", "S06.5", "J80"],
            [("Home", 70), ("Transfer", 12), ("AMA", 1), ("Deceased", 17)],
            0.2,
            [("Cardiology", 55), ("Surgery", 45)]),
        ["Pediatrics"] = new(
            GeneralPriorities, new AgeRange(0, 17), false,
            ["J21.9", "J45.9", "A09", "R56.0", "J06.9"],
            [("Home", 96), ("Transfer", 3), ("AMA", 0.8), ("Deceased", 0.2)],
            0, []),
        ["Maternity"] = new(
            [("Scheduled", 45), ("Urgent", 30), ("Emergency", 25)],
            new AgeRange(16, 46), true,
            ["O80", "O82", "O34.2", "O42.0", "O60.1"],
            [("Home", 98), ("Transfer", 1.5), ("AMA", 0.4), ("Deceased", 0.1)],
            0, []),
        ["Oncology"] = new(
            [("Scheduled", 50), ("Urgent", 30), ("Emergency", 15), ("Transfer", 5)],
            new AgeRange(18, 92), false,
            ["C34.9", "C50.9", "C18.9", "C61", "C91.0", "D70.1"],
            [("Home", 82), ("Transfer", 8), ("AMA", 1), ("Deceased", 9)],
            0.02, [("ICU", 100)]),
        ["Cardiology"] = new(
            [("Emergency", 45), ("Urgent", 30), ("Scheduled", 20), ("Transfer", 5)],
            new AgeRange(30, 95), false,
            ["I21.4", "I50.9", "I48.9", "I20.0", "I44.2"],
            [("Home", 88), ("Transfer", 5), ("AMA", 2), ("Deceased", 5)],
            0.03, [("ICU", 100)]),
    };

    public static DepartmentProfile For(string department) => ByDepartment.GetValueOrDefault(department, General);
}

/// <summary>Inclusive age range of a department's new patients, in years.</summary>
internal readonly record struct AgeRange(int Min, int Max)
{
    public bool Contains(int age) => age >= Min && age <= Max;
}
