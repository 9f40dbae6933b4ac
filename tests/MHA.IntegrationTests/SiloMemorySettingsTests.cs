using MHA.Grains.Grains;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace MHA.IntegrationTests;

/// <summary>The settings that bound the silo's memory reach Orleans: the directory cache size, and embedded grain state kept in binary form.</summary>
public sealed class SiloMemorySettingsTests
{
    [Fact]
    public async Task Memory_settings_reach_orleans()
    {
        await using var host = await SiloHost.StartAsync($"memory-{Guid.NewGuid():N}", settings: new Dictionary<string, string?>
        {
            ["Silo:DirectoryCacheSize"] = "1234",
        });

        Assert.Equal(1234, host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        var storage = host.Services.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(GrainStorageNames.Occupancy);
        Assert.IsType<OrleansGrainStorageSerializer>(storage.GrainStorageSerializer);
    }
}
