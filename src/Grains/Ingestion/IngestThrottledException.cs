namespace MHA.Grains.Ingestion;

/// <summary>Ingest cannot take a batch now (the lake is behind); the sender should retry after <see cref="RetryAfter"/>. Nothing of the batch was taken.</summary>
public sealed class IngestThrottledException(TimeSpan retryAfter)
    : Exception($"Ingest is behind the lake; retry after {retryAfter.TotalSeconds:0} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
