namespace MHA.Bench.Measurement;

/// <summary>How many grain activations the cluster holds, by grain class (from the management grain).</summary>
public sealed record ActivationCounts(IReadOnlyDictionary<string, int> ByType)
{
    public int Total => ByType.Values.Sum();

    public static async Task<ActivationCounts> ReadAsync(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return new ActivationCounts(statistics.GroupBy(s => s.GrainType).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount)));
    }

    public override string ToString() =>
        string.Join(", ", ByType.OrderByDescending(t => t.Value).Select(t => $"{ClassOf(t.Key)} {t.Value}"));

    /// <summary>The class name of a statistics grain type (<c>Namespace.Class,Assembly</c>).</summary>
    private static string ClassOf(string grainType)
    {
        var type = grainType.Split(',')[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }
}
