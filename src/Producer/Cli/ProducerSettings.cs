using MHA.Producer.Simulation;

namespace MHA.Producer.Cli;

/// <summary>Everything one producer run needs, as read from the command line (and EVENTHUBS_CONNECTION).</summary>
internal sealed class ProducerSettings
{
    public TrafficOptions Traffic { get; } = new();

    /// <summary>Events to send; 0 = run until stopped.</summary>
    public long Count { get; set; } = 1000;

    /// <summary>Events per second; 0 = as fast as the sink takes them.</summary>
    public double Rate { get; set; }

    public int BatchSize { get; set; } = 500;

    public ProducerOutput Output { get; set; } = ProducerOutput.File;

    /// <summary>NDJSON file, or <c>-</c> for stdout.</summary>
    public string OutputPath { get; set; } = "-";

    public Uri? Target => Targets.Count > 0 ? Targets[0] : null;

    /// <summary>Ingest URLs (<c>--target a,b</c>): the first is used until it cannot be reached, then the next.</summary>
    public List<Uri> Targets { get; } = [];

    public string? BearerToken { get; set; }

    public string? EventHubsConnection { get; set; }

    public string? EventHubName { get; set; }

    public string? EventHubsNamespace { get; set; }

    public bool ShowHelp { get; set; }

    /// <summary>Write a sample daily EHR extract into this folder instead of events (<c>--ehr-extract DIR</c>).</summary>
    public string? EhrExtractFolder { get; set; }

    /// <summary>The extract's day (<c>--date</c>); default: the day before <see cref="TrafficOptions.Start"/>.</summary>
    public DateOnly? EhrExtractDate { get; set; }

    /// <summary>True when data goes to stdout, which must then carry nothing else.</summary>
    public bool WritesToStdout => Output == ProducerOutput.File && OutputPath == "-";
}

/// <summary>The three places a run can send its events.</summary>
internal enum ProducerOutput
{
    File,
    Http,
    EventHubs,
}
