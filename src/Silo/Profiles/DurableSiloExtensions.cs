using System.Net;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using MHA.Grains.Grains;
using MHA.Grains.Streaming;
using Orleans.Configuration;

namespace MHA.Silo.Profiles;

/// <summary>
/// The durable profiles' silo: Azure Table membership, Azure Table grain storage (patient history, pub-sub, Event Hubs
/// positions), Azure Table reminders (the daily batch), and the hospital streams on Azure Queues, all in the runtime storage account (Azurite locally).
/// </summary>
public static class DurableSiloExtensions
{
    public static ISiloBuilder UseDurableAzureStorage(this ISiloBuilder silo, IConfiguration configuration, SiloHostOptions siloOptions, EngineProfile profile)
    {
        var storage = configuration.GetSection(AzureStorageOptions.Section).Get<AzureStorageOptions>() ?? new AzureStorageOptions();
        var tables = TableClient(storage);
        var queues = QueueClient(storage);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = siloOptions.ClusterId;
            o.ServiceId = siloOptions.ServiceId;
        });
        if (profile == EngineProfile.Local)
        {
            silo.ConfigureEndpoints(IPAddress.Loopback, siloOptions.EffectiveSiloPort, siloOptions.EffectiveGatewayPort);
        }
        else
        {
            silo.ConfigureEndpoints(siloOptions.EffectiveSiloPort, siloOptions.EffectiveGatewayPort, listenOnAnyHostAddress: true);
        }

        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Silo:Membership"));
        silo.UseAzureStorageClustering(o => o.TableServiceClient = tables);
        silo.AddAzureTableGrainStorage("PubSubStore", o => o.TableServiceClient = tables);
        silo.AddAzureTableGrainStorage(GrainStorageNames.Occupancy, o => o.TableServiceClient = tables);
        silo.UseAzureTableReminderService(o => o.TableServiceClient = tables);
        silo.AddAzureQueueStreams(AdtStreams.ProviderName, streams =>
        {
            streams.ConfigureAzureQueue(o => o.Configure(q =>
            {
                q.QueueServiceClient = queues;
                q.QueueNames = Enumerable.Range(0, storage.StreamQueueCount).Select(i => $"{storage.StreamQueuePrefix}-{i}").ToList();
                q.MessageVisibilityTimeout = storage.StreamMessageVisibilityTimeout;
            }));
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(100)));
        });
        return silo;
    }

    private static TableServiceClient TableClient(AzureStorageOptions storage) =>
        !string.IsNullOrEmpty(storage.ConnectionString) ? new TableServiceClient(storage.ConnectionString)
        : storage.TableServiceUri is { } uri ? new TableServiceClient(uri, new DefaultAzureCredential())
        : throw new InvalidOperationException("AzureStorage:ConnectionString or AzureStorage:TableServiceUri must be set for this profile.");

    private static QueueServiceClient QueueClient(AzureStorageOptions storage) =>
        !string.IsNullOrEmpty(storage.ConnectionString) ? new QueueServiceClient(storage.ConnectionString)
        : storage.QueueServiceUri is { } uri ? new QueueServiceClient(uri, new DefaultAzureCredential())
        : throw new InvalidOperationException("AzureStorage:ConnectionString or AzureStorage:QueueServiceUri must be set for this profile.");
}
