using System.Security.Cryptography;
using MHA.Grains.Security;
using MHA.Grains;
using MHA.Grains.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>Configures Orleans test-cluster silos and client with the engine's services and in-memory event streams.</summary>
public sealed class EngineSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddMemoryGrainStorage("PubSubStore");
        siloBuilder.AddMemoryStreams(AdtStreams.ProviderName);
        siloBuilder.ConfigureServices(services => services
            .AddOccupancyEngineCore(new ConfigurationBuilder().Build())
            .AddSingleton(new PatientKeyHasher(RandomNumberGenerator.GetBytes(PatientKeyHasher.MinimumSecretBytes))));
    }
}

/// <summary>Lets the test-cluster client publish on the engine's streams.</summary>
public sealed class EngineClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(AdtStreams.ProviderName);
}
