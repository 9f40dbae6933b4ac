using MHA.Grains.Catalog;
using MHA.Producer.Simulation;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>Events from the producer's simulation with a fixed seed and the default dirty-data rates.</summary>
public static class ProducerEvents
{
    public static string[] Dirty(int seed, int count, int skip = 0) =>
        new AdtTrafficGenerator(HospitalCatalog.LoadDefault(), new TrafficOptions { Seed = seed, Dirty = DirtyDataRates.Default })
            .Skip(skip).Take(count).Select(e => e.Json).ToArray();

    /// <summary>Events of the original pipeline's 8-field shape (a uuid patient id), dirty, starting at <paramref name="start"/>.</summary>
    public static string[] Legacy(int seed, int count, DateTimeOffset start) =>
        new AdtTrafficGenerator(HospitalCatalog.LoadDefault(), new TrafficOptions { Seed = seed, Legacy = true, Start = start, Dirty = DirtyDataRates.Default })
            .Take(count).Select(e => e.Json).ToArray();

    public static async Task PostAsync(SiloHost host, IEnumerable<string> lines, int batchSize = 500)
    {
        foreach (var batch in lines.Chunk(batchSize))
        {
            await host.IngestAsync(string.Join('\n', batch));
        }
    }
}
