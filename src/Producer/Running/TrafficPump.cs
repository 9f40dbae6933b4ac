using MHA.Producer.Simulation;
using MHA.Producer.Sinks;

namespace MHA.Producer.Running;

/// <summary>
/// Pulls events from the generator and hands them to a sink in batches: stops after the requested count,
/// paces to the requested rate, and reports progress.
/// </summary>
internal sealed class TrafficPump(IEventSink sink, PumpSettings settings, ProgressReporter progress, TimeProvider time)
{
    /// <summary>How long a stopped run still tries to deliver the events it had already taken.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public async Task<long> RunAsync(IEnumerable<GeneratedEvent> events, CancellationToken cancellationToken)
    {
        var batch = new List<GeneratedEvent>(Math.Min(settings.BatchSize, 10_000));
        try
        {
            return await PumpAsync(events, batch, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && batch.Count > 0)
        {
            // A stopped run delivers what it had already taken, so a file ends on whole events up to the stop.
            using var drain = new CancellationTokenSource(DrainTimeout);
            await FlushAsync(batch, drain.Token);
            throw;
        }
    }

    private async Task<long> PumpAsync(IEnumerable<GeneratedEvent> events, List<GeneratedEvent> batch, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var batchStarted = started;
        long taken = 0;

        foreach (var e in events)
        {
            if (settings.Count > 0 && taken >= settings.Count)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (settings.Rate > 0)
            {
                // Due times come from the run's start, not from the last event, so pauses in the sink do not drift the rate.
                var due = TimeSpan.FromSeconds(taken / settings.Rate);
                var wait = due - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    if (batch.Count > 0 && time.GetElapsedTime(batchStarted) + wait >= settings.MaxBatchAge)
                    {
                        await FlushAsync(batch, cancellationToken);
                    }

                    await Task.Delay(wait, time, cancellationToken);
                }
            }

            if (batch.Count == 0)
            {
                batchStarted = time.GetTimestamp();
            }

            batch.Add(e);
            taken++;
            if (batch.Count >= settings.BatchSize)
            {
                await FlushAsync(batch, cancellationToken);
            }
        }

        await FlushAsync(batch, cancellationToken);
        return taken;
    }

    private async Task FlushAsync(List<GeneratedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await sink.SendAsync(batch, cancellationToken);
        progress.Record(batch);
        batch.Clear();
    }
}
