using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Statistics;
using Orleans.Streaming.EventHubs;
using Orleans.Streaming.EventHubs.Testing;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// The Orleans Event Hubs generator adapter (the real Event Hubs receive path: receivers, partition caches, the data
/// adapter, checkpoints, pulling agents) with its partitions read from an <see cref="EventHubFeed"/> instead of a hub.
/// The data adapter is the one the ingest edge registers for the provider, so the test exercises it.
/// </summary>
public sealed class FeedEventHubAdapterFactory(
    string name,
    EventDataGeneratorStreamOptions options,
    EventHubOptions ehOptions,
    EventHubReceiverOptions receiverOptions,
    EventHubStreamCachePressureOptions cacheOptions,
    StreamCacheEvictionOptions evictionOptions,
    StreamStatisticOptions statisticOptions,
    IEventHubDataAdapter dataAdapter,
    IServiceProvider serviceProvider,
    ILoggerFactory loggerFactory,
    IEnvironmentStatisticsProvider environmentStatisticsProvider,
    EventHubFeed feed)
    : EventDataGeneratorAdapterFactory(name, options, ehOptions, receiverOptions, cacheOptions, evictionOptions, statisticOptions, dataAdapter,
        serviceProvider, loggerFactory, environmentStatisticsProvider)
{
    public override void Init()
    {
        base.Init();
        EventHubReceiverFactory = (settings, offset, _) => new EventHubPartitionGeneratorReceiver(feed.Open(settings.Partition, offset));
    }

    protected override Task<string[]> GetPartitionIdsAsync() => Task.FromResult(feed.PartitionIds);

    public static Func<IServiceProvider, string, Orleans.Streams.IQueueAdapterFactory> For(EventHubFeed feed) => (services, name) =>
    {
        var factory = ActivatorUtilities.CreateInstance<FeedEventHubAdapterFactory>(services, name,
            services.GetOptionsByName<EventDataGeneratorStreamOptions>(name),
            services.GetOptionsByName<EventHubOptions>(name),
            services.GetOptionsByName<EventHubReceiverOptions>(name),
            services.GetOptionsByName<EventHubStreamCachePressureOptions>(name),
            services.GetOptionsByName<StreamCacheEvictionOptions>(name),
            services.GetOptionsByName<StreamStatisticOptions>(name),
            services.GetRequiredKeyedService<IEventHubDataAdapter>(name),
            feed);
        factory.Init();
        return factory;
    };
}
