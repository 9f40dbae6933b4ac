namespace MHA.IntegrationTests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes (the system is asynchronous; assertions are not timed).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        T last = await probe();
        while (!holds(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Not within {within.TotalSeconds:0.#} s: {what}. Last value: {Describe(last)}");
            }

            await Task.Delay(100);
            last = await probe();
        }

        return last;
    }

    private static string Describe<T>(T value) => value switch
    {
        System.Collections.IDictionary d => string.Join(", ", d.Keys.Cast<object>().Take(60).Select(k => $"{k}={d[k]}")),
        _ => value?.ToString() ?? "null",
    };
}
