namespace MHA.Bench.Cli;

/// <summary>One bench run: which profiles, which size, which stages, where the JSON goes.</summary>
public sealed record BenchSettings(
    IReadOnlyList<BenchProfile> Profiles,
    BenchSize Size,
    int Seed,
    IReadOnlySet<string> Stages,
    string JsonPath,
    string WorkFolder,
    string? AzuriteConnectionString)
{
    public bool Runs(string stage) => Stages.Count == 0 || Stages.Contains(stage);
}
