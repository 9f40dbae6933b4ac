using System.Text;
using MHA.Grains.Catalog;
using MHA.Producer.Simulation;

namespace MHA.Bench.Workload;

/// <summary>The producer's events (fixed seed) as the UTF-8 payloads a sender posts, generated before any clock starts.</summary>
public sealed class BenchEvents
{
    private BenchEvents(IReadOnlyList<GeneratedEvent> events)
    {
        Events = events;
        Payloads = events.Select(e => Encoding.UTF8.GetBytes(e.Json)).ToArray();
    }

    public IReadOnlyList<GeneratedEvent> Events { get; }

    public IReadOnlyList<byte[]> Payloads { get; }

    public int Count => Events.Count;

    public long Bytes => Payloads.Sum(p => (long)p.Length);

    /// <summary>
    /// The first <paramref name="count"/> events of the producer's feed: the default dirty-data mix, unless
    /// <paramref name="clean"/>; <paramref name="initialOccupancy"/> is the share of beds already occupied at the start
    /// (emitted first, as admissions).
    /// </summary>
    public static BenchEvents Generate(HospitalCatalog catalog, int seed, int count, bool clean = false, double initialOccupancy = 0.6, double timeScale = 1) =>
        new(Feed(catalog, seed, clean, initialOccupancy, timeScale).Take(count).ToArray());

    /// <summary>
    /// The same feed as <see cref="Generate"/>, endless and lazy: for workloads too large to hold as payloads.
    /// <paramref name="start"/> moves the first event time (default: the producer's).
    /// </summary>
    public static IEnumerable<GeneratedEvent> Feed(HospitalCatalog catalog, int seed, bool clean = false, double initialOccupancy = 0.6, double timeScale = 1,
        DateTimeOffset? start = null)
    {
        var options = new TrafficOptions
        {
            Seed = seed,
            InitialOccupancy = initialOccupancy,
            TimeScale = timeScale,
            Dirty = clean ? DirtyDataRates.None : DirtyDataRates.Default,
        };
        if (start is { } first) options.Start = first;
        return new AdtTrafficGenerator(catalog, options);
    }

    /// <summary>NDJSON request bodies of <paramref name="batchSize"/> events, in feed order.</summary>
    public IReadOnlyList<byte[]> NdjsonBatches(int batchSize)
    {
        var batches = new List<byte[]>();
        using var buffer = new MemoryStream();
        for (var i = 0; i < Payloads.Count; i++)
        {
            buffer.Write(Payloads[i]);
            buffer.WriteByte((byte)'\n');
            if ((i + 1) % batchSize == 0 || i == Payloads.Count - 1)
            {
                batches.Add(buffer.ToArray());
                buffer.SetLength(0);
            }
        }

        return batches;
    }
}
