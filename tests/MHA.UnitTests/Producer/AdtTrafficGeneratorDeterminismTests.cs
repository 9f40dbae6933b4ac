using System.Text;
using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

public sealed class AdtTrafficGeneratorDeterminismTests
{
    private static byte[] Bytes(IEnumerable<GeneratedEvent> events) =>
        Encoding.UTF8.GetBytes(string.Concat(events.Select(e => e.Json + "\n")));

    [Fact]
    public void Same_seed_gives_identical_bytes_for_5000_events()
    {
        var first = Bytes(GeneratedStreams.Take(new TrafficOptions { Seed = 42 }, 5000));
        var second = Bytes(GeneratedStreams.Take(new TrafficOptions { Seed = 42 }, 5000));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Enumerating_one_generator_twice_gives_the_same_events()
    {
        var generator = new AdtTrafficGenerator(GeneratedStreams.Catalog, new TrafficOptions { Seed = 9 });

        Assert.Equal(generator.Take(3000).Select(e => e.Json), generator.Take(3000).Select(e => e.Json));
    }

    [Fact]
    public void Legacy_and_scaled_runs_are_deterministic_too()
    {
        var options = () => new TrafficOptions { Seed = 5, Legacy = true, TimeScale = 120 };

        Assert.Equal(Bytes(GeneratedStreams.Take(options(), 5000)), Bytes(GeneratedStreams.Take(options(), 5000)));
    }

    [Fact]
    public void Different_seeds_give_different_streams()
    {
        var first = GeneratedStreams.Take(new TrafficOptions { Seed = 1 }, 5000).Select(e => e.Json).ToList();
        var second = GeneratedStreams.Take(new TrafficOptions { Seed = 2 }, 5000).Select(e => e.Json).ToList();

        Assert.NotEqual(first, second);
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void Changing_options_after_construction_does_not_change_the_stream()
    {
        var options = new TrafficOptions { Seed = 3 };
        var generator = new AdtTrafficGenerator(GeneratedStreams.Catalog, options);
        var before = generator.Take(500).Select(e => e.Json).ToList();

        options.Seed = 4;
        options.Legacy = true;

        Assert.Equal(before, generator.Take(500).Select(e => e.Json));
    }

    [Fact]
    public void Events_come_in_event_time_order_with_utc_timestamps()
    {
        var events = GeneratedStreams.Take(GeneratedStreams.Clean(11), 20_000);

        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].EventTime >= events[i - 1].EventTime, $"event {i} is earlier than event {i - 1}");
        }

        foreach (var e in events)
        {
            var json = GeneratedStreams.Parse(e);
            var eventTime = json.String("event_time")!;
            Assert.EndsWith("Z", eventTime);
            Assert.Equal(e.EventTime, json.Time("event_time"));
            Assert.DoesNotContain('\n', e.Json);
        }
    }

    [Fact]
    public void Initial_census_is_admitted_at_start_with_admission_times_in_the_past()
    {
        var options = GeneratedStreams.Clean(2);
        var census = GeneratedStreams.Take(options, 5000).TakeWhile(e => e.EventTime == options.Start).Select(GeneratedStreams.Parse).ToList();
        var expected = GeneratedStreams.Catalog.AllDepartments.Sum(d => (int)Math.Round(0.6 * d.StaffedBeds));

        Assert.Equal(expected, census.Count);
        Assert.All(census, json =>
        {
            Assert.Equal("ADMISSION", json.String("event_type"));
            Assert.True(json.Time("admission_time") < options.Start);
        });
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new AdtTrafficGenerator(GeneratedStreams.Catalog, new TrafficOptions { TimeScale = 0 }));
        Assert.Throws<ArgumentException>(() => new AdtTrafficGenerator(GeneratedStreams.Catalog, new TrafficOptions { InitialOccupancy = 1.5 }));
        Assert.Throws<ArgumentException>(() =>
            new AdtTrafficGenerator(GeneratedStreams.Catalog, new TrafficOptions { Dirty = DirtyDataRates.Default.Scale(10) }));
    }
}
