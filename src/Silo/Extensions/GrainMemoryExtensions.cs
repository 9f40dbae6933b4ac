using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace MHA.Silo.Extensions;

/// <summary>
/// Bounds on the silo's memory (docs/performance.md): Orleans' grain directory cache holds at most
/// <c>Silo:DirectoryCacheSize</c> locations, and the embedded profile keeps grain state in memory in Orleans' binary
/// format rather than JSON.
/// </summary>
public static class GrainMemoryExtensions
{
    public static ISiloBuilder BoundGrainMemory(this ISiloBuilder silo, SiloHostOptions siloOptions)
    {
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = siloOptions.DirectoryCacheSize);
        return silo;
    }

    /// <summary>
    /// Memory grain storage whose state is held in Orleans' binary serialization: about a quarter of its JSON. The embedded profile's state lives only as long as the process, so no stored format changes.
    /// </summary>
    public static ISiloBuilder AddBinaryMemoryGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.AddMemoryGrainStorage(name);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(name).Configure<Serializer>((storage, serializer) =>
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }
}
