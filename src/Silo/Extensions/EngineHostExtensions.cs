using System.Net;
using MHA.Grains;
using MHA.Grains.Grains;
using MHA.Grains.Streaming;
using MHA.Silo.Profiles;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Extensions;

/// <summary>Wires the Orleans silo of the chosen profile and the engine's services (catalog, parser, ingestor) into the host.</summary>
public static class EngineHostExtensions
{
    public static WebApplicationBuilder AddOccupancyEngine(this WebApplicationBuilder builder)
    {
        var profile = builder.Configuration.GetEngineProfile();
        var siloOptions = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        builder.Services.AddSingleton(Options.Create(siloOptions));
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls($"http://localhost:{siloOptions.EffectiveHttpPort}");
        }

        builder.Services.AddOccupancyEngineCore(builder.Configuration);

        builder.UseOrleans(silo =>
        {
            if (profile == EngineProfile.Embedded)
            {
                silo.UseLocalhostClustering(
                    siloPort: siloOptions.EffectiveSiloPort,
                    gatewayPort: siloOptions.EffectiveGatewayPort,
                    primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, siloOptions.PrimarySiloPort),
                    serviceId: siloOptions.ServiceId,
                    clusterId: siloOptions.ClusterId);
                silo.AddMemoryGrainStorage("PubSubStore");
                silo.AddBinaryMemoryGrainStorage(GrainStorageNames.Occupancy);
                silo.UseInMemoryReminderService();
                silo.AddMemoryStreams(AdtStreams.ProviderName, streams =>
                    streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20))));
            }
            else
            {
                silo.UseDurableAzureStorage(builder.Configuration, siloOptions, profile);
            }

            silo.BoundGrainMemory(siloOptions);
            silo.AddEventHubsIngestion(builder.Configuration);
        });
        return builder;
    }
}
