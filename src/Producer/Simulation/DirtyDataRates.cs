namespace MHA.Producer.Simulation;

/// <summary>
/// Probability of each kind of dirty data per eligible emitted event. At most one of the six field-level kinds
/// is applied to an event (so their sum must not exceed 1); <see cref="Duplicate"/> is drawn separately because
/// a duplicate is a second copy, not a change to the event.
/// </summary>
public sealed record DirtyDataRates(
    double InvalidAge,
    double FutureAdmission,
    double MissingField,
    double Duplicate,
    double DischargeBeforeAdmission,
    double DepartmentTypo,
    double InvalidHospital)
{
    /// <summary>The rates of the richer variant of the original project (DOMAIN.md).</summary>
    public static DirtyDataRates Default { get; } = new(0.04, 0.03, 0.05, 0.03, 0.02, 0.03, 0.02);

    /// <summary>No dirty data at all.</summary>
    public static DirtyDataRates None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Every rate multiplied by <paramref name="factor"/> (0 = clean, 1 = unchanged).</summary>
    public DirtyDataRates Scale(double factor) => new(
        InvalidAge * factor,
        FutureAdmission * factor,
        MissingField * factor,
        Duplicate * factor,
        DischargeBeforeAdmission * factor,
        DepartmentTypo * factor,
        InvalidHospital * factor);

    /// <summary>The rate of one kind.</summary>
    public double RateOf(DirtyKind kind) => kind switch
    {
        DirtyKind.InvalidAge => InvalidAge,
        DirtyKind.FutureAdmission => FutureAdmission,
        DirtyKind.MissingField => MissingField,
        DirtyKind.Duplicate => Duplicate,
        DirtyKind.DischargeBeforeAdmission => DischargeBeforeAdmission,
        DirtyKind.DepartmentTypo => DepartmentTypo,
        DirtyKind.InvalidHospital => InvalidHospital,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Throws <see cref="ArgumentException"/> when a rate is not a probability or the exclusive kinds sum above 1.</summary>
    public void Validate()
    {
        foreach (var kind in Enum.GetValues<DirtyKind>())
        {
            var rate = RateOf(kind);
            if (!(rate >= 0 && rate <= 1))
            {
                throw new ArgumentException($"The {kind} dirty-data rate must be between 0 and 1, not {rate}.");
            }
        }

        var exclusive = InvalidAge + FutureAdmission + MissingField + DischargeBeforeAdmission + DepartmentTypo + InvalidHospital;
        if (exclusive > 1 + 1e-9)
        {
            throw new ArgumentException(
                $"The dirty-data rates other than Duplicate add up to {exclusive:0.###}; at most one applies to an event, so they must add up to 1 or less.");
        }
    }
}
