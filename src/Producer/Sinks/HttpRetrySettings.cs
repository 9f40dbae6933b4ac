namespace MHA.Producer.Sinks;

/// <summary>How the HTTP sink retries a batch: throttling answers wait as told, other failures back off a few times.</summary>
internal sealed class HttpRetrySettings
{
    /// <summary>How often a 429/503 is retried before giving up (the engine may be shedding load for a while).</summary>
    public int MaxThrottledRetries { get; init; } = 60;

    /// <summary>How often other failures (5xx, 4xx, connection errors) are retried.</summary>
    public int MaxFailureRetries { get; init; } = 4;

    /// <summary>First backoff; it doubles on each retry.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait honoured from a Retry-After header, so a wrong header cannot stall the producer for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);
}
