using Azure.Identity;
using Azure.Messaging.EventHubs.Producer;
using MHA.Grains.Catalog;
using MHA.Producer.Running;
using MHA.Producer.Simulation;
using MHA.Producer.Sinks;

namespace MHA.Producer.Cli;

/// <summary>
/// One producer run from its command line to its exit code: 0 done, 1 runtime failure, 2 bad arguments.
/// Takes its streams as parameters so tests run it exactly as <c>Program</c> does.
/// </summary>
internal static class ProducerApp
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int BadArguments = 2;

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Func<Stream> openStdout,
        TextWriter stdoutText,
        TextWriter stderr,
        Func<string, string?> environment,
        CancellationToken cancellationToken)
    {
        if (args.Contains(WebhookVerifyCommand.Flag))
        {
            return await WebhookVerifyCommand.RunAsync(args, stdoutText, stderr, TimeProvider.System);
        }

        ProducerSettings settings;
        try
        {
            settings = ProducerCommandLine.Parse(args, environment);
        }
        catch (CommandLineException ex)
        {
            await stderr.WriteLineAsync($"producer: {ex.Message}");
            await stderr.WriteLineAsync("Run with --help for the options.");
            return BadArguments;
        }

        if (settings.ShowHelp)
        {
            await stdoutText.WriteLineAsync(ProducerUsage.Text);
            return Success;
        }

        if (settings.EhrExtractFolder is { } folder)
        {
            var day = settings.EhrExtractDate ?? DateOnly.FromDateTime(settings.Traffic.Start.UtcDateTime).AddDays(-1);
            var files = EhrExtractWriter.Write(folder, day, settings.Traffic.Seed, (int)Math.Clamp(settings.Count, 1, 1_000_000), HospitalCatalog.LoadDefault());
            foreach (var file in files) await stderr.WriteLineAsync($"producer: wrote {file}");
            return Success;
        }

        var time = TimeProvider.System;
        var progress = new ProgressReporter(stderr, time, TimeSpan.FromSeconds(2));
        try
        {
            var generator = new AdtTrafficGenerator(HospitalCatalog.LoadDefault(), settings.Traffic);
            await using var sink = CreateSink(settings, openStdout, stderr, time);
            var pump = new TrafficPump(sink, new PumpSettings(settings.Count, settings.Rate, settings.BatchSize), progress, time);
            await pump.RunAsync(generator, cancellationToken);
            progress.ReportFinal();
            return Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how an endless run ends; what was sent is reported.
            progress.ReportFinal();
            return Success;
        }
        catch (Exception ex)
        {
            // Any other failure (sink gave up, file not writable, Event Hubs unreachable) ends the run with a
            // one-line reason instead of a stack trace; messages of our sinks never contain event content.
            progress.ReportFinal();
            await stderr.WriteLineAsync($"producer: failed: {ex.Message}");
            return RuntimeFailure;
        }
    }

    private static IEventSink CreateSink(ProducerSettings settings, Func<Stream> openStdout, TextWriter stderr, TimeProvider time) =>
        settings.Output switch
        {
            ProducerOutput.File when settings.WritesToStdout => new NdjsonStreamSink(openStdout(), ownsStream: false),
            ProducerOutput.File => NdjsonStreamSink.ForFile(settings.OutputPath),
            ProducerOutput.Http => new HttpNdjsonSink(
                new HttpClient { Timeout = TimeSpan.FromSeconds(100) }, settings.Targets.ToArray(), settings.BearerToken, new HttpRetrySettings(), time, stderr),
            ProducerOutput.EventHubs => new EventHubsSink(CreateEventHubsClient(settings)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Output, "Unknown output."),
        };

    private static EventHubProducerClient CreateEventHubsClient(ProducerSettings settings)
    {
        if (settings.EventHubsNamespace is not null)
        {
            return new EventHubProducerClient(settings.EventHubsNamespace, settings.EventHubName!, new DefaultAzureCredential());
        }

        return string.IsNullOrWhiteSpace(settings.EventHubName)
            ? new EventHubProducerClient(settings.EventHubsConnection!)
            : new EventHubProducerClient(settings.EventHubsConnection!, settings.EventHubName);
    }
}
