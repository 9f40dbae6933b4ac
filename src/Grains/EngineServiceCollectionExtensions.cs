using MHA.Grains.Catalog;
using MHA.Grains.Ingestion;
using MHA.Grains.Pipeline;
using MHA.Grains.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MHA.Grains;

/// <summary>Registers what the engine's grains and ingest need (catalog, parser, ingestor, clock, options incl. where local secrets live), once for every host.</summary>
public static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddOccupancyEngineCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section))
            .Validate(o => o.BoardPushInterval > TimeSpan.Zero && o.CountsRefreshInterval > TimeSpan.Zero, "Engine intervals must be positive.")
            .Validate(o => o.RememberedEventIds > 0 && o.RememberedDepartedPatients > 0, "Engine memory bounds must be positive.")
            .Validate(o => o.PatientCollectionAge > TimeSpan.FromMinutes(1), "Engine:PatientCollectionAge must be longer than Orleans' collection quantum (1 minute).")
            .ValidateOnStart();
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section));
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section));
        services.TryAddSingleton(sp => HospitalCatalog.Create(sp.GetRequiredService<IOptions<CatalogOptions>>().Value));
        services.TryAddSingleton<AdtEventParser>();
        services.TryAddSingleton<PipelineMonitor>();
        services.TryAddSingleton<EventIngestor>();
        return services;
    }
}
