namespace MHA.Grains.Alerts;

/// <summary>
/// When to try a webhook again: exponential backoff (initial × 2^(attempt−1), capped) with "equal jitter" (a random
/// point in the upper half, so receivers recovering together are not hit at once), and never sooner than a
/// receiver's <c>Retry-After</c> (itself capped).
/// </summary>
public sealed class WebhookRetryPolicy(TimeSpan initialDelay, TimeSpan maxDelay, TimeSpan retryAfterMax)
{
    public static WebhookRetryPolicy From(AlertOptions options) => new(options.RetryInitialDelay, options.RetryMaxDelay, options.RetryAfterMax);

    /// <summary>Delay after failed attempt number <paramref name="attempt"/> (1-based); <paramref name="jitter"/> in [0, 1).</summary>
    public TimeSpan NextDelay(int attempt, TimeSpan? retryAfter, double jitter)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var backoff = Math.Min(initialDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        var delay = TimeSpan.FromMilliseconds(backoff / 2 + backoff / 2 * Math.Clamp(jitter, 0, 1));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < retryAfterMax ? asked : (retryAfterMax > delay ? retryAfterMax : delay);
        }

        return delay;
    }
}
