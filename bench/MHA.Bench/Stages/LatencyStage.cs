using System.Diagnostics;
using MHA.Bench.Cli;
using MHA.Bench.Hosting;
using MHA.Bench.Reporting;
using MHA.Bench.Workload;
using MHA.Grains.Catalog;

namespace MHA.Bench.Stages;

/// <summary>
/// Latency from posting an event to the <c>occupancy</c> message at a SignalR client subscribed to the whole network,
/// while the producer's traffic is posted at a steady rate: 1,000 events/s, then 80% of the HTTP peak the ingest stage
/// measured. Ten probes a second (<see cref="LatencyProbe"/>) ride in the traffic's requests to a hospital of their own.
/// </summary>
public sealed class LatencyStage : IBenchStage
{
    private const int ProbeHospitalId = 8;
    private const string ProbeDepartment = "Emergency";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(100);
    private const int MaxInFlight = 32;

    public string Name => "latency";

    public bool PerProfile => true;

    public async Task RunAsync(BenchContext context, BenchProfile? profile, CancellationToken cancellationToken)
    {
        var name = BenchReport.ProfileName(profile!.Value);
        var folder = context.NewFolder("latency");
        // Hospitals 1-7 carry the producer's traffic; hospital 8 only the probes. Capacities ×100: probes never run out of beds.
        var catalog = BenchCatalog.Create(folder, ProbeHospitalId, capacityFactor: 100);
        var peak = IngestStage.PeakOf(profile.Value);
        var rates = new List<(string Label, double Rate)> { ("1,000 events/s", 1_000) };
        if (peak is { } p) rates.Add(("80% of peak", 0.8 * p));
        else context.Log("latency: no ingest peak measured in this run (--only without ingest): only 1,000 events/s");

        var seconds = context.Size.LatencySeconds;
        var events = BenchEvents.Generate(HospitalCatalog.LoadDefault(), context.Settings.Seed, (int)Math.Ceiling(rates.Sum(r => r.Rate) * (seconds + 1)));
        await using var host = await BenchHost.StartAsync(context, profile.Value, catalog.Path);
        await using var probe = await LatencyProbe.ConnectAsync(host.BaseAddress, host.AdminToken, ProbeHospitalId, ProbeDepartment, cancellationToken);
        using var http = host.HttpClient(host.IngestToken);
        var sender = new IngestSender(http);

        var offset = 0;
        foreach (var (label, rate) in rates)
        {
            var before = probe.LatenciesMs.Count;
            var (achieved, sent) = await RunAtRateAsync(sender, probe, events, offset, rate, TimeSpan.FromSeconds(seconds), cancellationToken);
            offset += sent;
            await WaitForProbesAsync(probe, TimeSpan.FromSeconds(30), cancellationToken);
            var latencies = probe.LatenciesMs.Skip(before).Order().ToArray();
            if (latencies.Length == 0) throw new InvalidOperationException($"No probe reached the board at {label}.");
            var detail = $"{latencies.Length} probes, {achieved:#,0} events/s sent for {seconds} s";
            context.Report.Add(new BenchResult(Name, $"ingest → board p50 at {label}", name, Percentile(latencies, 0.50), "ms", Detail: detail));
            context.Report.Add(new BenchResult(Name, $"ingest → board p99 at {label}", name, Percentile(latencies, 0.99), "ms",
                rate <= 1_000 ? BenchTarget.Maximum(250) : null, detail));
            context.Report.Add(new BenchResult(Name, $"ingest → board max at {label}", name, latencies[^1], "ms", Detail: detail));
            context.Log($"latency ({name}) at {label}: p50 {Percentile(latencies, 0.5):0} ms, p99 {Percentile(latencies, 0.99):0} ms, max {latencies[^1]:0} ms; {detail}");
        }
    }

    /// <summary>Posts the traffic at <paramref name="rate"/> for <paramref name="duration"/>, a probe every 100 ms; returns the rate achieved and the events sent.</summary>
    private static async Task<(double Rate, int Sent)> RunAtRateAsync(IngestSender sender, LatencyProbe probe, BenchEvents events, int offset, double rate,
        TimeSpan duration, CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var nextProbe = TimeSpan.Zero;
        while (clock.Elapsed < duration)
        {
            var due = (int)Math.Min(events.Count - offset, rate * clock.Elapsed.TotalSeconds) - sent;
            var withProbe = clock.Elapsed >= nextProbe;
            if (due > 0 || withProbe)
            {
                using var body = new MemoryStream();
                for (var i = 0; i < due; i++)
                {
                    body.Write(events.Payloads[offset + sent + i]);
                    body.WriteByte((byte)'\n');
                }

                sent += Math.Max(0, due);
                int? probeNumber = null;
                if (withProbe)
                {
                    var (number, line) = probe.Next();
                    body.Write(line);
                    probeNumber = number;
                    nextProbe += ProbeEvery;
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                while (inFlight.Count >= MaxInFlight)
                {
                    await Task.WhenAny(inFlight);
                    inFlight.RemoveAll(t => t.IsCompleted);
                }

                if (probeNumber is { } n) probe.MarkSent(n);
                inFlight.Add(sender.PostAsync(body.ToArray(), cancellationToken));
            }

            await Task.Delay(Tick, cancellationToken);
        }

        await Task.WhenAll(inFlight);
        return (sent / clock.Elapsed.TotalSeconds, sent);
    }

    private static async Task WaitForProbesAsync(LatencyProbe probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (probe.Confirmed < probe.Sent && DateTime.UtcNow < deadline) await Task.Delay(20, cancellationToken);
        if (probe.Confirmed < probe.Sent) throw new TimeoutException($"{probe.Sent - probe.Confirmed} probes never reached the board.");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
