namespace MHA.Producer.Simulation;

/// <summary>Draws the demographic and insurance attributes of new patients, and their changes over time.</summary>
internal static class PatientAttributes
{
    public static readonly string[] InsuranceTypes = ["Medicare", "Medicaid", "Private", "SelfPay"];

    private static readonly (string, double)[] Genders = [("Female", 50), ("Male", 48), ("Other", 1), ("Unknown", 1)];

    private static readonly (string, double)[] SeniorInsurance = [("Medicare", 78), ("Private", 16), ("Medicaid", 4), ("SelfPay", 2)];

    private static readonly (string, double)[] ChildInsurance = [("Private", 50), ("Medicaid", 45), ("SelfPay", 5)];

    private static readonly (string, double)[] AdultInsurance = [("Private", 60), ("Medicaid", 22), ("SelfPay", 12), ("Medicare", 6)];

    public static string Gender(Random random, DepartmentProfile profile) =>
        profile.FemaleOnly ? "Female" : random.PickWeighted(Genders);

    /// <summary>An age in the department's range, peaked in its middle (the mean of two uniforms) as real censuses are.</summary>
    public static int Age(Random random, AgeRange range)
    {
        var spread = range.Max - range.Min + 1;
        var u = (random.NextDouble() + random.NextDouble()) / 2;
        return Math.Min(range.Max, range.Min + (int)(spread * u));
    }

    public static string Insurance(Random random, int age) =>
        random.PickWeighted(age >= 65 ? SeniorInsurance : age < 18 ? ChildInsurance : AdultInsurance);

    /// <summary>A different insurance than the current one (a job change, Medicare eligibility, lapsed cover).</summary>
    public static string ChangedInsurance(Random random, string current)
    {
        var others = InsuranceTypes.Where(i => i != current).ToArray();
        return random.Pick(others);
    }
}
