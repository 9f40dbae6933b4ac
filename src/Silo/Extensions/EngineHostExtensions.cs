using System.Net;
using MHA.Grains;
using MHA.Grains.Catalog;
using MHA.Grains.Ingestion;
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

        builder.Services.TryAddTimeProvider();
        builder.Services.AddOptions<EngineOptions>().Bind(builder.Configuration.GetSection(EngineOptions.Section))
            .Validate(o => o.BoardPushInterval > TimeSpan.Zero && o.CountsRefreshInterval > TimeSpan.Zero, "Engine intervals must be positive.")
            .Validate(o => o.RememberedEventIds > 0 && o.RememberedDepartedPatients > 0, "Engine memory bounds must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<CatalogOptions>().Bind(builder.Configuration.GetSection(CatalogOptions.Section));
        builder.Services.AddSingleton(sp => HospitalCatalog.Create(sp.GetRequiredService<IOptions<CatalogOptions>>().Value));
        builder.Services.AddSingleton<AdtEventParser>();
        builder.Services.AddSingleton<EventIngestor>();

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: siloOptions.EffectiveSiloPort,
                gatewayPort: siloOptions.EffectiveGatewayPort,
                primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, siloOptions.PrimarySiloPort),
                serviceId: siloOptions.ServiceId,
                clusterId: siloOptions.ClusterId);
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryStreams(AdtStreams.ProviderName, streams =>
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20))));
        });
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
