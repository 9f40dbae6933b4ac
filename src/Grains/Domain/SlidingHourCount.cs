namespace MHA.Grains.Domain;

/// <summary>Counts event times that lie within the last hour before "now", forgetting older ones.</summary>
public sealed class SlidingHourCount
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _times = new();

    public void Add(DateTimeOffset eventTime, DateTimeOffset now)
    {
        if (eventTime > now - Window)
        {
            _times.Enqueue(eventTime, eventTime);
        }
    }

    public int Count(DateTimeOffset now)
    {
        var cutoff = now - Window;
        while (_times.TryPeek(out _, out var oldest) && oldest <= cutoff)
        {
            _times.Dequeue();
        }

        return _times.Count;
    }
}
