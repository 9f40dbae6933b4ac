using System.Globalization;
using Orleans.Runtime;

namespace MHA.Grains.Streaming;

/// <summary>
/// Names of the Event Hubs ingest streams: raw events read from the hub, one stream per hospital id read from the body
/// and per hub partition (key <c>{hospitalId}/{partition}</c>), in a namespace of their own; the parsed events then
/// travel on <see cref="AdtStreams"/>. A stream must come from one queue only (its delivery position is that queue's),
/// and producers without a partition key spread a hospital over partitions, hence the partition in the key.
/// <see cref="EventHubsStreamIdMapper"/> sends all streams of one hospital to that hospital's ingest grain.
/// </summary>
public static class EventHubsStreams
{
    /// <summary>The Orleans stream provider that reads the hub.</summary>
    public const string ProviderName = "eventhubs";

    /// <summary>The stream namespace <c>EventHubsIngestGrain</c> subscribes to implicitly.</summary>
    public const string Namespace = "adt-eventhubs";

    /// <summary>Name of the <see cref="EventHubsStreamIdMapper"/> registration.</summary>
    public const string StreamIdMapperName = "eventhubs-hospital";

    /// <summary>Hospital key of bodies without a readable hospital id: they are ingested too, and quarantined with a reason.</summary>
    public const long UnroutedKey = 0;

    public static StreamId For(long hospitalKey, string partition) =>
        StreamId.Create(Namespace, string.Create(CultureInfo.InvariantCulture, $"{hospitalKey}/{partition}"));

    public static bool TryParse(StreamId streamId, out long hospitalKey, out string partition)
    {
        var key = streamId.GetKeyAsString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        partition = slash < 0 ? "" : key[(slash + 1)..];
        return long.TryParse(slash < 0 ? key : key[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out hospitalKey) && slash >= 0;
    }
}
