namespace MHA.Bench.Cli;

/// <summary>
/// How much work each stage does. <see cref="Full"/> is the size the targets are stated for (1,000,000 stays in Gold,
/// 1,000,000 active patients); the smaller sizes show how cost grows, and <see cref="Smoke"/> only proves the harness runs.
/// </summary>
public sealed record BenchSize(
    string Name,
    int FloorEvents,
    int IngestEvents,
    int LatencySeconds,
    int GoldStays,
    int ActivePatients,
    int ReplayEvents,
    int Hospitals)
{
    public static readonly BenchSize Smoke = new("smoke", 5_000, 3_000, 1, 2_000, 2_000, 3_000, 7);
    public static readonly BenchSize Small = new("small", 100_000, 50_000, 10, 100_000, 100_000, 50_000, 7);
    public static readonly BenchSize Medium = new("medium", 300_000, 150_000, 15, 300_000, 300_000, 150_000, 70);
    public static readonly BenchSize Full = new("full", 1_000_000, 300_000, 20, 1_000_000, 1_000_000, 300_000, 700);

    public static IReadOnlyList<BenchSize> All { get; } = [Smoke, Small, Medium, Full];

    public static BenchSize Parse(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown size '{name}': use {string.Join(", ", All.Select(s => s.Name))}.");
}
