namespace MHA.Bench.Reporting;

/// <summary>
/// One measured number. <paramref name="Profile"/> is null for measures that do not depend on the engine profile
/// (the floor, the Gold builder against DuckDB). <paramref name="Target"/> is the goal, when there is one.
/// </summary>
public sealed record BenchResult(
    string Stage,
    string Measure,
    string? Profile,
    double Value,
    string Unit,
    BenchTarget? Target = null,
    string? Detail = null)
{
    public bool? MeetsTarget => Target?.IsMetBy(Value);
}
