using MHA.Grains.Ingestion.EventHubs;

namespace MHA.UnitTests.EventHubs;

public sealed class EventHubsRedeliveryTests
{
    private static EventHubsEvent E(string partition, long sequence) => new(partition, sequence, (sequence * 10).ToString(), DateTimeOffset.UnixEpoch, []);

    [Fact]
    public void Events_at_or_below_what_was_ingested_from_their_partition_are_redeliveries()
    {
        var runs = EventHubsRedelivery.FreshRuns([E("0", 4), E("0", 5), E("0", 6), E("1", 5)], new Dictionary<string, long> { ["0"] = 5 });

        Assert.Equal(2, runs.Count);
        Assert.Equal([6L], runs[0].Fresh.Select(e => e.SequenceNumber));
        Assert.Equal(2, runs[0].Redelivered);
        Assert.Equal("0:6-6", runs[0].Reference);
        Assert.Equal([5L], runs[1].Fresh.Select(e => e.SequenceNumber));
        Assert.Equal("1:5-5", runs[1].Reference);
    }

    [Fact]
    public void A_repeat_inside_one_delivery_counts_once()
    {
        var run = Assert.Single(EventHubsRedelivery.FreshRuns([E("2", 1), E("2", 2), E("2", 2), E("2", 3)], new Dictionary<string, long>()));

        Assert.Equal([1L, 2L, 3L], run.Fresh.Select(e => e.SequenceNumber));
        Assert.Equal(1, run.Redelivered);
    }

    [Fact]
    public void A_delivery_of_redeliveries_only_is_a_run_with_nothing_fresh()
    {
        var run = Assert.Single(EventHubsRedelivery.FreshRuns([E("3", 1), E("3", 2)], new Dictionary<string, long> { ["3"] = 9 }));

        Assert.Empty(run.Fresh);
        Assert.Equal(2, run.Redelivered);
    }
}
