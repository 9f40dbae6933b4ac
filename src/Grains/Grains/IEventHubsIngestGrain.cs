using MHA.Grains.Ingestion.EventHubs;

namespace MHA.Grains.Grains;

/// <summary>
/// Takes one hospital's raw events from Event Hubs (key = hospital id read from the body; 0 = no readable hospital) to
/// ingest, each exactly once per partition position.
/// </summary>
public interface IEventHubsIngestGrain : IGrainWithIntegerKey
{
    /// <summary>Per partition, the highest Event Hubs sequence number this grain has ingested, and the redeliveries it skipped.</summary>
    Task<EventHubsIngestStatus> GetStatusAsync();
}
