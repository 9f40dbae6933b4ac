using MHA.Grains;
using MHA.Grains.Grains;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace MHA.Silo.Extensions;

/// <summary>
/// What bounds the silo's memory per patient (bench/notes-memory.md): idle patient grains are collected after
/// <c>Engine:PatientCollectionAge</c>, Orleans' grain directory cache holds at most <c>Silo:DirectoryCacheSize</c>
/// locations, and the embedded profile keeps grain state in memory in Orleans' binary format rather than JSON.
/// </summary>
public static class GrainMemoryExtensions
{
    public static ISiloBuilder BoundGrainMemory(this ISiloBuilder silo, SiloHostOptions siloOptions)
    {
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<EngineOptions>>((collection, engine) =>
            collection.ClassSpecificCollectionAge[typeof(PatientGrain).FullName!] = engine.Value.PatientCollectionAge);
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = siloOptions.DirectoryCacheSize);
        return silo;
    }

    /// <summary>
    /// Memory grain storage whose state is held in Orleans' binary serialization: a patient history takes about a
    /// quarter of its JSON. The embedded profile's state lives only as long as the process, so no stored format changes.
    /// </summary>
    public static ISiloBuilder AddBinaryMemoryGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.AddMemoryGrainStorage(name);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(name).Configure<Serializer>((storage, serializer) =>
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }
}
