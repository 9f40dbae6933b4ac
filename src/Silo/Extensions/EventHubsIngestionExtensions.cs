using Azure.Data.Tables;
using Azure.Identity;
using MHA.Grains.Grains;
using MHA.Grains.Streaming;
using MHA.Silo.EventHubs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace MHA.Silo.Extensions;

/// <summary>
/// Wires the Event Hubs ingest edge into the silo: an Orleans Event Hubs stream provider whose data adapter routes raw
/// JSON bodies by hospital to <c>EventHubsIngestGrain</c>, which feeds the same ingestor as HTTP. Off unless
/// <c>EventHubs:ConnectionString</c> or <c>EventHubs:FullyQualifiedNamespace</c> is set (docs/eventhubs.md).
/// </summary>
public static class EventHubsIngestionExtensions
{
    public static ISiloBuilder AddEventHubsIngestion(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = Read(configuration);
        silo.AddEventHubsStreamIdMapper();
        if (!options.Enabled) return silo;
        options.Validate();

        return silo.AddEventHubStreams(EventHubsStreams.ProviderName, stream =>
        {
            stream.ConfigureEventHub(eventHub => eventHub.Configure(o => Connect(o, options)));
            stream.ConfigureIngestion(options);
        });
    }

    /// <summary>
    /// The same ingest edge on another queue adapter factory than the hub's (tests: the Orleans Event Hubs generator
    /// adapter), with this edge's data adapter, receiver, delivery and checkpoint settings.
    /// </summary>
    internal static ISiloBuilder AddEventHubsIngestion(this ISiloBuilder silo, EventHubsOptions options,
        Func<IServiceProvider, string, IQueueAdapterFactory> adapterFactory) =>
        silo.AddEventHubsStreamIdMapper().AddPersistentStreams(EventHubsStreams.ProviderName, adapterFactory, stream => stream.ConfigureIngestion(options));

    /// <summary>Registered even when the edge is off: the ingest grain's implicit subscription names it.</summary>
    private static ISiloBuilder AddEventHubsStreamIdMapper(this ISiloBuilder silo)
    {
        silo.Services.TryAddKeyedSingleton<IStreamIdMapper, EventHubsStreamIdMapper>(EventHubsStreams.StreamIdMapperName);
        return silo;
    }

    /// <summary>The <c>EventHubs</c> section; the checkpoint table endpoint defaults to <c>AzureStorage:TableServiceUri</c>.</summary>
    internal static EventHubsOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(EventHubsOptions.Section).Get<EventHubsOptions>() ?? new EventHubsOptions();
        if (options.CheckpointTableServiceUri is null && Uri.TryCreate(configuration["AzureStorage:TableServiceUri"], UriKind.Absolute, out var tables))
        {
            options.CheckpointTableServiceUri = tables;
        }

        return options;
    }

    private static void Connect(EventHubOptions eventHub, EventHubsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            eventHub.ConfigureEventHubConnection(options.ConnectionString, options.HubName!, options.ConsumerGroup);
        }
        else
        {
            eventHub.ConfigureEventHubConnection(options.FullyQualifiedNamespace!, options.HubName!, options.ConsumerGroup, new DefaultAzureCredential());
        }
    }

    /// <summary>
    /// What the edge needs whatever the queue adapter: our data adapter; on first start read each partition from its
    /// earliest retained event; batches of up to <see cref="EventHubsOptions.MaxBatchSize"/> events per delivery; implicit
    /// subscriptions only; checkpoints (numeric Event Hubs offsets) in Azure Table storage when a table is configured,
    /// else in grain storage.
    /// </summary>
    private static void ConfigureIngestion(this ISiloPersistentStreamConfigurator stream, EventHubsOptions options)
    {
        stream.ConfigureComponent<IEventHubDataAdapter>((services, _) => ActivatorUtilities.CreateInstance<AdtEventHubDataAdapter>(services));
        stream.Configure<EventHubReceiverOptions>(receiver => receiver.Configure(o => o.StartFromNow = false));
        stream.ConfigurePullingAgent(agent => agent.Configure(o => o.BatchContainerBatchSize = options.MaxBatchSize));
        stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        if (!string.IsNullOrWhiteSpace(options.CheckpointConnectionString) || options.CheckpointTableServiceUri is not null)
        {
            stream.UseAzureTableCheckpointer(checkpoints => checkpoints.Configure(o =>
            {
                o.TableName = options.CheckpointTableName;
                o.PersistInterval = options.CheckpointInterval;
                o.CheckpointComparer = StreamCheckpointComparers.Numeric;
                o.TableServiceClient = !string.IsNullOrWhiteSpace(options.CheckpointConnectionString)
                    ? new TableServiceClient(options.CheckpointConnectionString)
                    : new TableServiceClient(options.CheckpointTableServiceUri!, new DefaultAzureCredential());
            }));
        }
        else
        {
            stream.UseGrainCheckpointer(checkpoints => checkpoints.Configure(o =>
            {
                o.StorageProviderName = GrainStorageNames.Occupancy;
                o.PersistInterval = options.CheckpointInterval;
                o.CheckpointComparer = StreamCheckpointComparers.Numeric;
            }));
        }
    }
}
