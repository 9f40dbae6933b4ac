using MHA.Producer.Running;
using MHA.Producer.Simulation;
using MHA.Producer.Sinks;

namespace MHA.UnitTests.Producer;

public sealed class TrafficPumpTests
{
    /// <summary>Keeps every batch it is given.</summary>
    private sealed class CollectingSink : IEventSink
    {
        public List<int> BatchSizes { get; } = [];

        public List<GeneratedEvent> Events { get; } = [];

        public Task SendAsync(IReadOnlyList<GeneratedEvent> batch, CancellationToken cancellationToken)
        {
            BatchSizes.Add(batch.Count);
            Events.AddRange(batch);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static AdtTrafficGenerator Generator() => new(GeneratedStreams.Catalog, new TrafficOptions { Seed = 4 });

    [Fact]
    public async Task Stops_after_count_in_batches_of_the_requested_size()
    {
        var sink = new CollectingSink();
        var progress = new ProgressReporter(TextWriter.Null, TimeProvider.System, TimeSpan.FromSeconds(2));
        var pump = new TrafficPump(sink, new PumpSettings(1234, 0, 500), progress, TimeProvider.System);

        var taken = await pump.RunAsync(Generator(), TestContext.Current.CancellationToken);

        Assert.Equal(1234, taken);
        Assert.Equal([500, 500, 234], sink.BatchSizes);
        Assert.Equal(Generator().Take(1234).Select(e => e.Json), sink.Events.Select(e => e.Json));
        Assert.Equal(1234, progress.Sent);
        Assert.Equal(sink.Events.Count(e => e.Dirty == DirtyKind.MissingField), progress.DirtyCount(DirtyKind.MissingField));
    }

    [Fact]
    public async Task A_stopped_run_delivers_the_events_it_had_taken()
    {
        var sink = new CollectingSink();
        var progress = new ProgressReporter(TextWriter.Null, TimeProvider.System, TimeSpan.FromSeconds(2));
        var pump = new TrafficPump(sink, new PumpSettings(0, 100, 10_000), progress, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromMilliseconds(400));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pump.RunAsync(Generator(), stop.Token));

        Assert.InRange(sink.Events.Count, 10, 100);
        Assert.Equal(Generator().Take(sink.Events.Count).Select(e => e.Json), sink.Events.Select(e => e.Json));
    }
}
