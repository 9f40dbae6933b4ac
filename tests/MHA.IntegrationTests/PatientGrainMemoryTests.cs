using MHA.Grains.Contracts;
using MHA.Grains.Grains;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace MHA.IntegrationTests;

/// <summary>
/// The settings that bound the silo's memory per patient reach Orleans (patient collection age, directory cache size,
/// embedded grain state in binary form), and a patient's history read back from the embedded store after its grain was
/// collected is the history it had.
/// </summary>
public sealed class PatientGrainMemoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Memory_settings_reach_orleans()
    {
        await using var host = await SiloHost.StartAsync($"memory-{Guid.NewGuid():N}", settings: new Dictionary<string, string?>
        {
            ["Engine:PatientCollectionAge"] = "00:03:00",
            ["Silo:DirectoryCacheSize"] = "1234",
        });

        var collection = host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(3), collection.ClassSpecificCollectionAge[typeof(PatientGrain).FullName!]);
        Assert.Equal(1234, host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        var storage = host.Services.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(GrainStorageNames.Occupancy);
        Assert.IsType<OrleansGrainStorageSerializer>(storage.GrainStorageSerializer);
    }

    [Fact]
    public async Task Patient_history_survives_the_collection_of_its_grain()
    {
        await using var host = await SiloHost.StartAsync($"memory-{Guid.NewGuid():N}");
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var patient = grains.GetGrain<IPatientGrain>("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        await patient.ObserveAsync(
        [
            new PatientObservation("e1", T0, "Female", 63, "Medicaid"),
            new PatientObservation("e2", T0.AddHours(5), null, 64, null),
            new PatientObservation("e3", T0.AddHours(9), null, null, "Private", AgeWasInvalid: true),
        ]);
        var before = await patient.GetHistoryAsync();
        Assert.Equal(3, before.Count);

        var management = grains.GetGrain<IManagementGrain>(0);
        await patient.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.ReturnsAsync(async () => await management.GetSimpleGrainStatistics(),
            statistics => !statistics.Any(s => s.GrainType.StartsWith(typeof(PatientGrain).FullName + ",", StringComparison.Ordinal) && s.ActivationCount > 0),
            TimeSpan.FromSeconds(30), "the patient grain collected");

        Assert.Equal(before, await patient.GetHistoryAsync());
        Assert.Equal(new int?[] { 64 }, await patient.ObserveAsync([new PatientObservation("e4", T0.AddHours(10), null, null, null, AgeWasInvalid: true)]));
    }
}
