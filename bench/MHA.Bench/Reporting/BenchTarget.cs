namespace MHA.Bench.Reporting;

/// <summary>A goal for a measure: at least or at most <see cref="Value"/>.</summary>
public sealed record BenchTarget(double Value, bool AtLeast)
{
    public static BenchTarget Minimum(double value) => new(value, AtLeast: true);

    public static BenchTarget Maximum(double value) => new(value, AtLeast: false);

    public bool IsMetBy(double measured) => AtLeast ? measured >= Value : measured <= Value;

    public override string ToString() => (AtLeast ? "≥ " : "≤ ") + BenchNumbers.Format(Value);
}
