using MHA.Grains.Contracts;
using Orleans.Runtime;
using Orleans.Streams;

namespace MHA.Grains.Streaming;

/// <summary>Names of the event stream: one stream per hospital, keyed by hospital id, in one namespace.</summary>
public static class AdtStreams
{
    /// <summary>The Orleans stream provider that carries ADT events (memory, Azure queues or Event Hubs by profile).</summary>
    public const string ProviderName = "adt";

    /// <summary>The stream namespace hospital grains subscribe to implicitly.</summary>
    public const string Namespace = "adt";

    public static StreamId ForHospital(int hospitalId) => StreamId.Create(Namespace, hospitalId);

    public static IAsyncStream<AdtEventBatch> HospitalStream(this IClusterClient client, int hospitalId) =>
        client.GetStreamProvider(ProviderName).GetStream<AdtEventBatch>(ForHospital(hospitalId));
}
