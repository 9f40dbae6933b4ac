namespace MHA.Grains.Ingestion.EventHubs;

/// <summary>What one Event Hubs ingest grain has taken: per partition the highest sequence number ingested, and the redeliveries it skipped.</summary>
[GenerateSerializer, Immutable]
public sealed record EventHubsIngestStatus(
    [property: Id(0)] IReadOnlyDictionary<string, long> IngestedThrough,
    [property: Id(1)] long RedeliveriesSkipped);
