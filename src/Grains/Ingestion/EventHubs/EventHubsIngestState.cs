namespace MHA.Grains.Ingestion.EventHubs;

/// <summary>
/// Persisted by each Event Hubs ingest grain: per partition, the highest sequence number already handed to ingest, and
/// how many redelivered events it has skipped.
/// </summary>
[GenerateSerializer]
public sealed class EventHubsIngestState
{
    [Id(0)]
    public Dictionary<string, long> IngestedThrough { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public long RedeliveriesSkipped { get; set; }
}
