using System.Net;
using MHA.Grains;
using MHA.Grains.Grains;
using MHA.Grains.Streaming;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace MHA.Silo.Extensions;

/// <summary>Wires the Orleans silo and the engine's services (catalog, parser, ingestor) into the host.</summary>
public static class EngineHostExtensions
{
    public static WebApplicationBuilder AddOccupancyEngine(this WebApplicationBuilder builder)
    {
        var siloOptions = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        builder.Services.AddSingleton(Options.Create(siloOptions));
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls($"http://localhost:{siloOptions.EffectiveHttpPort}");
        }

        builder.Services.AddOccupancyEngineCore(builder.Configuration);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: siloOptions.EffectiveSiloPort,
                gatewayPort: siloOptions.EffectiveGatewayPort,
                primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, siloOptions.PrimarySiloPort),
                serviceId: siloOptions.ServiceId,
                clusterId: siloOptions.ClusterId);
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryGrainStorage(GrainStorageNames.Occupancy);
            silo.AddMemoryStreams(AdtStreams.ProviderName, streams =>
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20))));
            silo.AddEventHubsIngestion(builder.Configuration);
        });
        return builder;
    }
}
