using MHA.Producer.Cli;
using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

public sealed class ProducerCommandLineTests
{
    private static ProducerSettings Parse(params string[] args) => ProducerCommandLine.Parse(args, _ => null);

    [Fact]
    public void Defaults_write_1000_events_to_stdout_with_default_dirty_rates()
    {
        var settings = Parse();

        Assert.Equal(1000, settings.Count);
        Assert.Equal(500, settings.BatchSize);
        Assert.True(settings.WritesToStdout);
        Assert.Equal(DirtyDataRates.Default, settings.Traffic.Dirty);
    }

    [Fact]
    public void Options_are_read_with_spaces_or_equals_signs()
    {
        var settings = Parse("--seed", "7", "--count=20", "--rate", "2.5", "--start", "2026-06-01T12:00:00Z", "--time-scale=120", "--legacy",
            "--target", "http://localhost:5080/api/events", "--token", "t0k", "--batch", "50");

        Assert.Equal(7, settings.Traffic.Seed);
        Assert.Equal(20, settings.Count);
        Assert.Equal(2.5, settings.Rate);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), settings.Traffic.Start);
        Assert.Equal(120, settings.Traffic.TimeScale);
        Assert.True(settings.Traffic.Legacy);
        Assert.Equal(ProducerOutput.Http, settings.Output);
        Assert.Equal(new Uri("http://localhost:5080/api/events"), settings.Target);
        Assert.Equal("t0k", settings.BearerToken);
        Assert.Equal(50, settings.BatchSize);
    }

    [Fact]
    public void Dirty_zero_is_clean_and_per_kind_flags_override_the_factor()
    {
        Assert.Equal(DirtyDataRates.None, Parse("--dirty", "0").Traffic.Dirty);

        var settings = Parse("--dirty-age", "0.1", "--dirty", "2", "--dirty-hospital", "0");

        Assert.Equal(0.1, settings.Traffic.Dirty.InvalidAge);
        Assert.Equal(0.0, settings.Traffic.Dirty.InvalidHospital);
        Assert.Equal(0.06, settings.Traffic.Dirty.Duplicate, 10);
    }

    [Fact]
    public void Event_hubs_connection_comes_from_the_environment()
    {
        var settings = ProducerCommandLine.Parse(["--eventhubs", "--eventhub", "adt"],
            name => name == ProducerCommandLine.ConnectionVariable ? "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v" : null);

        Assert.Equal(ProducerOutput.EventHubs, settings.Output);
        Assert.StartsWith("Endpoint=", settings.EventHubsConnection);
    }

    [Theory]
    [InlineData("--seed")]
    [InlineData("--seed", "abc")]
    [InlineData("--count", "-1")]
    [InlineData("--rate", "fast")]
    [InlineData("--start", "yesterday")]
    [InlineData("--time-scale", "0")]
    [InlineData("--dirty", "-1")]
    [InlineData("--dirty", "10")]
    [InlineData("--dirty-age", "1.5")]
    [InlineData("--out", "a.ndjson", "--target", "http://localhost/api/events")]
    [InlineData("--target", "ftp://example/x")]
    [InlineData("--token", "t")]
    [InlineData("--eventhubs")]
    [InlineData("--eventhubs", "--eventhubs-connection", "Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=v")]
    [InlineData("--eventhubs", "--eventhubs-namespace", "x.servicebus.windows.net")]
    [InlineData("--eventhub", "adt")]
    [InlineData("--batch", "0")]
    [InlineData("--legacy=yes")]
    [InlineData("--frobnicate")]
    [InlineData("stray")]
    public async Task Bad_arguments_exit_with_2_and_a_message(params string[] args)
    {
        var stderr = new StringWriter();
        var stdout = new MemoryStream();

        var exit = await ProducerApp.RunAsync(args, () => stdout, TextWriter.Null, stderr, _ => null, TestContext.Current.CancellationToken);

        Assert.Equal(ProducerApp.BadArguments, exit);
        Assert.StartsWith("producer: ", stderr.ToString());
        Assert.Equal(0, stdout.Length);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var stdout = new StringWriter();

        var exit = await ProducerApp.RunAsync(["--help"], () => Stream.Null, stdout, TextWriter.Null, _ => null, TestContext.Current.CancellationToken);

        Assert.Equal(ProducerApp.Success, exit);
        Assert.Contains("--dirty-duplicate", stdout.ToString());
    }
}
