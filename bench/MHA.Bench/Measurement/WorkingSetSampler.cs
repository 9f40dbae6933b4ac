namespace MHA.Bench.Measurement;

/// <summary>Samples the process's working set in the background; <see cref="MaxBytes"/> is the largest seen since <see cref="Start"/>.</summary>
public sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _max;

    private WorkingSetSampler(TimeSpan every)
    {
        _max = Environment.WorkingSet;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public long MaxBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _max);
        }
    }

    public static WorkingSetSampler Start(TimeSpan every) => new(every);

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        while (now > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
