using System.Text;
using Azure.Messaging.EventHubs;
using MHA.Grains.Ingestion.EventHubs;
using MHA.Grains.Streaming;
using MHA.Silo.EventHubs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streaming.EventHubs;

namespace MHA.UnitTests.EventHubs;

public sealed class AdtEventHubDataAdapterTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(EventHubsBatchContainer).Assembly).AddAssembly(typeof(EventHubsEvent).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static EventData Event(byte[] body, long sequence = 42, string offset = "4096", string? partitionKey = null) =>
        EventHubsModelFactory.EventData(new BinaryData(body), partitionKey: partitionKey, sequenceNumber: sequence, offsetString: offset,
            enqueuedTime: new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero));

    private static string RouteOf(string body) =>
        new AdtEventHubDataAdapter(Serializer).GetStreamPosition("3", Event(Encoding.UTF8.GetBytes(body))).StreamId.GetKeyAsString();

    [Theory]
    [InlineData("""{"event_id":"e1","event_type":"ADMISSION","patient_id":"P-1","hospital_id":4,"department":"ICU","bed_id":"H4-ICU-01"}""", "4/3")]
    [InlineData("""{"patient_id":"0f8fad5b-d9cb-469f-a165-70867728950e","gender":"Male","age":54,"department":"Surgery","admission_time":"2026-01-03T10:00:00","discharge_time":"2026-01-05T08:00:00","bed_id":231,"hospital_id":6}""", "6/3")]
    [InlineData("""{"event_id":"e2","hospital_id":" 7 ","event_type":"UPDATE"}""", "7/3")]
    [InlineData("""{"hospital_id":2.0}""", "2/3")]
    [InlineData("""{"hospital_id":999}""", "999/3")]
    public void Routes_by_the_hospital_id_in_the_body_and_the_partition_read_from(string body, string streamKey) =>
        Assert.Equal(streamKey, RouteOf(body));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"event_id":"e3","hospital_id":"three"}""")]
    [InlineData("""{"event_id":"e4","hospital_id":null}""")]
    [InlineData("""{"event_id":"e5"}""")]
    [InlineData("""[{"hospital_id":1}]""")]
    [InlineData("""{"hospital_id":1""")]
    [InlineData("")]
    public void Bodies_without_a_readable_hospital_go_to_the_unrouted_stream(string body) =>
        Assert.Equal($"{EventHubsStreams.UnroutedKey}/3", RouteOf(body));

    [Fact]
    public void Routing_ignores_the_partition_key_and_properties()
    {
        var data = Event("""{"hospital_id":5}"""u8.ToArray(), partitionKey: "1");
        data.Properties["StreamNamespace"] = "adt";

        var position = new AdtEventHubDataAdapter(Serializer).GetStreamPosition("0", data);

        Assert.Equal(EventHubsStreams.Namespace, position.StreamId.GetNamespace());
        Assert.Equal("5/0", position.StreamId.GetKeyAsString());
    }

    [Fact]
    public void The_delivered_event_carries_the_body_byte_for_byte_and_its_hub_position()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. """{"hospital_id":1,"x":"é"}"""u8, 0xFF];
        var adapter = new AdtEventHubDataAdapter(Serializer);
        var data = Event(body, sequence: 77, offset: "123456");

        var position = adapter.GetStreamPosition("5", data);
        var cached = adapter.FromQueueMessage(position, data, DateTime.UtcNow, size => new ArraySegment<byte>(new byte[size]));
        var container = (EventHubsBatchContainer)adapter.GetBatchContainer(ref cached);

        var delivered = Assert.Single(container.GetEvents<EventHubsEvent>()).Item1;
        Assert.Equal(body, delivered.Body);
        Assert.Equal("5", delivered.Partition);
        Assert.Equal(77, delivered.SequenceNumber);
        Assert.Equal("123456", delivered.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), delivered.EnqueuedTime);
        Assert.Equal(position.StreamId, container.StreamId);
        var token = Assert.IsType<EventHubSequenceTokenV2>(container.SequenceToken);
        Assert.Equal("123456", token.EventHubOffset);
        Assert.Equal(77, token.SequenceNumber);
        Assert.Equal("123456", adapter.GetOffset(cached));
    }

    [Fact]
    public void The_batch_container_survives_Orleans_serialization()
    {
        var adapter = new AdtEventHubDataAdapter(Serializer);
        var data = Event("""{"hospital_id":2}"""u8.ToArray());
        var position = adapter.GetStreamPosition("1", data);
        var cached = adapter.FromQueueMessage(position, data, DateTime.UtcNow, size => new ArraySegment<byte>(new byte[size]));
        var container = (EventHubsBatchContainer)adapter.GetBatchContainer(ref cached);

        var copy = Serializer.Deserialize<EventHubsBatchContainer>(Serializer.SerializeToArray(container))!;

        Assert.Equal(container.StreamId, copy.StreamId);
        Assert.Equal(container.Event.Body, copy.Event.Body);
        Assert.Equal(container.Event with { Body = copy.Event.Body }, copy.Event);
        Assert.Equal(0, container.SequenceToken.CompareTo(copy.SequenceToken));
    }
}
