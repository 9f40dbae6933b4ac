using MHA.Producer.Simulation;
using MHA.Producer.Sinks;

namespace MHA.UnitTests.Producer;

public sealed class EventHubsSinkTests
{
    [Fact]
    public void Event_data_is_the_json_body_and_nothing_else()
    {
        var e = new GeneratedEvent(DateTimeOffset.UnixEpoch, 3, """{"event_id":"x"}""", null);

        var data = EventHubsSink.ToEventData(e);

        Assert.Equal("""{"event_id":"x"}""", data.EventBody.ToString());
        Assert.Equal("application/json", data.ContentType);
        Assert.Empty(data.Properties);
    }

    [Theory]
    [InlineData(3, "3")]
    [InlineData(-1, "-1")]
    [InlineData(999, "999")]
    public void Partition_key_is_the_hospital_id_as_written(int hospitalId, string expected) =>
        Assert.Equal(expected, EventHubsSink.PartitionKeyOf(new GeneratedEvent(DateTimeOffset.UnixEpoch, hospitalId, "{}", DirtyKind.InvalidHospital)));
}
