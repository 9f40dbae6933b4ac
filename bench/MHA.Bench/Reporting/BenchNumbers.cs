using System.Globalization;

namespace MHA.Bench.Reporting;

/// <summary>Numbers as the table prints them: thousands separated, at most three significant decimals below 10.</summary>
public static class BenchNumbers
{
    public static string Format(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
