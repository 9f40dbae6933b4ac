namespace MHA.Producer.Simulation;

/// <summary>The distributions the simulation draws from, always from the caller's own seeded <see cref="Random"/>.</summary>
internal static class RandomSampling
{
    /// <summary>Waiting time of a Poisson process with <paramref name="ratePerHour"/> events per hour, in hours.</summary>
    public static double ExponentialHours(this Random random, double ratePerHour) =>
        -Math.Log(1 - random.NextDouble()) / ratePerHour;

    /// <summary>A standard normal draw (Box–Muller; uses two uniforms so the number of draws is fixed).</summary>
    public static double StandardNormal(this Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A lognormal draw whose mean is <paramref name="mean"/>, with shape <paramref name="sigma"/>.</summary>
    public static double LogNormalWithMean(this Random random, double mean, double sigma) =>
        Math.Exp(Math.Log(mean) - sigma * sigma / 2 + sigma * random.StandardNormal());

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    /// <summary>A value chosen with probability proportional to its weight.</summary>
    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Value, double Weight)> choices)
    {
        var total = 0.0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var point = random.NextDouble() * total;
        foreach (var choice in choices)
        {
            point -= choice.Weight;
            if (point < 0)
            {
                return choice.Value;
            }
        }

        return choices[^1].Value;
    }

    /// <summary>A random RFC 4122 version-4 style GUID string built only from the seeded generator.</summary>
    public static string NextGuidString(this Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }
}
