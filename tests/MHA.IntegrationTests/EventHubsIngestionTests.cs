using System.Text;
using MHA.Grains.Catalog;
using MHA.Grains.Grains;
using MHA.Grains.Lake;
using MHA.Grains.Streaming;
using MHA.IntegrationTests.Infrastructure;
using MHA.Producer.Simulation;
using MHA.Silo.EventHubs;
using MHA.Silo.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Providers.Streams.Common;

namespace MHA.IntegrationTests;

/// <summary>
/// The Event Hubs ingest edge end to end on the real Orleans Event Hubs receive path (generator adapter reading a
/// finite feed, our data adapter, partition caches, grain checkpoints, pulling agents) in a real host: dirty producer
/// events of both shapes, spread over partitions like the producers spread them, plus a body without a readable
/// hospital; then a crash-like restart of the receivers whose checkpoints are behind, so part of the hub is delivered
/// again. What a user sees must be as if every event had arrived once.
/// </summary>
public sealed class EventHubsIngestionTests
{
    private const int StandardCount = 3_000;
    private const int LegacyCount = 300;
    private const int Partitions = 4;
    private const string Garbage = "this is not JSON {\"hospital_id\": 3";

    [Fact]
    public async Task Events_from_Event_Hubs_reach_board_and_lake_once_even_when_redelivered()
    {
        var catalog = HospitalCatalog.LoadDefault();
        var standard = new AdtTrafficGenerator(catalog, new TrafficOptions { Seed = 4242, Dirty = DirtyDataRates.Default }).Take(StandardCount).ToArray();
        var legacy = new AdtTrafficGenerator(catalog, new TrafficOptions { Seed = 77, Legacy = true, Dirty = DirtyDataRates.Default }).Take(LegacyCount).ToArray();

        var oracle = new OccupancyOracle();
        foreach (var e in standard) oracle.Apply(e.Json);
        Assert.Empty(oracle.UnknownSpellings);
        var expected = oracle.Occupied();
        Assert.True(expected.Values.Sum() > 300, "the events should leave the network substantially occupied");

        var feed = new EventHubFeed(Partitions);
        var sent = new List<byte[]>();
        void SendStandard(GeneratedEvent e)
        {
            // Our producer: partition key = hospital id, so one hospital's events stay in order in one partition.
            var body = Encoding.UTF8.GetBytes(e.Json);
            feed.Append(feed.PartitionIds[Math.Abs(e.HospitalId % Partitions)], body, e.HospitalId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sent.Add(body);
        }

        var legacyIndex = 0;
        void SendLegacy(GeneratedEvent e)
        {
            // The original Python producer: no partition key, no properties; the hub spreads its events over partitions.
            var body = Encoding.UTF8.GetBytes(e.Json);
            feed.Append(feed.PartitionIds[legacyIndex++ % Partitions], body, partitionKey: null);
            sent.Add(body);
        }

        await using var host = await SiloHost.StartAsync($"eventhubs-{Guid.NewGuid():N}", configure: builder => builder.UseOrleans(silo =>
        {
            silo.Services.AddOptions<EventHubOptions>(EventHubsStreams.ProviderName)
                .Configure(o => o.ConfigureEventHubConnection(_ => throw new InvalidOperationException("The test reads a feed, not a hub."), "adt-events", "$Default"));
            silo.AddEventHubsIngestion(new EventHubsOptions { MaxBatchSize = 200, CheckpointInterval = TimeSpan.FromSeconds(1) }, FeedEventHubAdapterFactory.For(feed));
        }));
        var lake = host.Services.GetRequiredService<LakeWriter>();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        // First part of the traffic; wait until every event is in Bronze and applied.
        foreach (var e in standard.Take(2_000)) SendStandard(e);
        foreach (var e in legacy.Take(150)) SendLegacy(e);
        await Eventually.ReturnsAsync(() => Task.FromResult(lake.Statistics), s => s.BronzeRows == sent.Count, TimeSpan.FromSeconds(120), "first part in Bronze");
        await lake.AllAppliedAsync(TimeSpan.FromSeconds(120));

        // A crash: receivers stop, the ingest grains' activations are gone, and on restart two partitions resume behind
        // what was ingested (one by 50 events, one from its very first event).
        var management = grains.GetGrain<IManagementGrain>(0);
        await management.SendControlCommandToProvider<PersistentStreamProvider>(EventHubsStreams.ProviderName, (int)PersistentStreamProviderCommand.StopAgents, null);
        var keys = sent.Select(b => HospitalIdReader.TryRead(b, out var id) ? id : EventHubsStreams.UnroutedKey).Append(EventHubsStreams.UnroutedKey).Distinct().ToArray();
        foreach (var key in keys) await grains.GetGrain<IEventHubsIngestGrain>(key).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        feed.RewindOnNextOpen(feed.PartitionIds[1], 50);
        feed.RewindOnNextOpen(feed.PartitionIds[2], int.MaxValue);
        var servedBefore = feed.Served;

        foreach (var e in standard.Skip(2_000)) SendStandard(e);
        foreach (var e in legacy.Skip(150)) SendLegacy(e);
        var garbage = Encoding.UTF8.GetBytes(Garbage);
        feed.Append(feed.PartitionIds[3], garbage, partitionKey: null);
        sent.Add(garbage);
        await management.SendControlCommandToProvider<PersistentStreamProvider>(EventHubsStreams.ProviderName, (int)PersistentStreamProviderCommand.StartAgents, null);

        await Eventually.ReturnsAsync(() => Task.FromResult(feed.Served - servedBefore), served => served >= StandardCount + LegacyCount + 1 - 2_150 + 50,
            TimeSpan.FromSeconds(120), "the rest of the hub and the redelivered events read");
        await Eventually.ReturnsAsync(async () => (await Task.WhenAll(keys.Select(k => grains.GetGrain<IEventHubsIngestGrain>(k).GetStatusAsync()))).ToList(),
            statuses => feed.PartitionIds.All(p => statuses.Max(s => s.IngestedThrough.GetValueOrDefault(p, -1)) == feed.LastSequenceNumber(p)),
            TimeSpan.FromSeconds(120), "every partition ingested to its last event");
        await lake.AllAppliedAsync(TimeSpan.FromSeconds(120));

        // Redelivered events were read again but not ingested again.
        var statuses = await Task.WhenAll(keys.Select(k => grains.GetGrain<IEventHubsIngestGrain>(k).GetStatusAsync()));
        Assert.True(statuses.Sum(s => s.RedeliveriesSkipped) >= 50 + 1, $"redeliveries skipped: {statuses.Sum(s => s.RedeliveriesSkipped)}");
        Assert.True(feed.Served > sent.Count, "the feed delivered part of the hub twice");
        Assert.Equal(sent.Count, lake.Statistics.BronzeRows);

        // The board equals what the events imply (computed independently); legacy stays of January are long over.
        var occupied = await Eventually.ReturnsAsync(host.GetOccupiedAsync, o => expected.All(kv => o[kv.Key] == kv.Value),
            TimeSpan.FromSeconds(60), "board equals the occupancy the events imply");
        Assert.Equal(expected, occupied);

        await lake.FlushAsync();
        using var query = new LakeQuery(host.LakePath);

        // Bronze: every body byte for byte, once.
        var bronze = query.Rows("SELECT payload, payload_encoding FROM bronze WHERE source = 'eventhubs'")
            .Select(r => (string)r[1]! == "utf8" ? Encoding.UTF8.GetBytes((string)r[0]!) : Convert.FromBase64String((string)r[0]!))
            .Select(Convert.ToBase64String).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(sent.Select(Convert.ToBase64String).Order(StringComparer.Ordinal).ToArray(), bronze);
        Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM bronze WHERE NOT regexp_matches(source_ref, '^partition-[0-3]:[0-9]+-[0-9]+$')"));

        // Every Bronze row is accounted for by Silver, quarantine or a dropped duplicate.
        var bronzeRows = query.Scalar<long>("SELECT count(*) FROM bronze");
        var accounted = query.Scalar<long>("SELECT (SELECT count(*) FROM silver) + (SELECT count(*) FROM quarantine) + (SELECT count(*) FROM dropped_duplicates)");
        Assert.Equal(bronzeRows, accounted);
        Assert.Equal(bronzeRows, query.Scalar<long>(
            "SELECT count(*) FROM bronze b WHERE EXISTS (SELECT 1 FROM silver s WHERE s.bronze_seq = b.ingest_seq) " +
            "OR EXISTS (SELECT 1 FROM quarantine q WHERE q.ingest_seq = b.ingest_seq) OR EXISTS (SELECT 1 FROM dropped_duplicates d WHERE d.bronze_seq = b.ingest_seq)"));
        Assert.True(query.Scalar<long>("SELECT count(*) FROM silver WHERE event_shape = 'legacy'") > 0, "legacy events reach Silver");

        // The body without a readable hospital is quarantined with its reason, not dropped.
        var quarantined = query.Rows($"SELECT reason, source FROM quarantine WHERE payload = '{Garbage.Replace("'", "''")}'");
        var row = Assert.Single(quarantined);
        Assert.StartsWith("malformed JSON", (string)row[0]!);
        Assert.Equal("eventhubs", row[1]);
        var unrouted = await grains.GetGrain<IEventHubsIngestGrain>(EventHubsStreams.UnroutedKey).GetStatusAsync();
        Assert.Equal(feed.LastSequenceNumber(feed.PartitionIds[3]), unrouted.IngestedThrough[feed.PartitionIds[3]]);
    }
}
