namespace MHA.Grains.Alerts;

/// <summary>
/// The quarantine share of the last <c>windowItems</c> received items, from running totals sampled over time
/// (received, quarantined). Null until that many items arrived.
/// </summary>
public sealed class QualityRateWindow(int windowItems)
{
    private readonly Queue<(long Received, long Quarantined)> _samples = new();

    /// <summary>Adds a sample of the running totals; returns the quarantine percentage over the newest window, or null.</summary>
    public double? Observe(long received, long quarantined)
    {
        _samples.Enqueue((received, quarantined));
        // Forget samples as long as the window would still span at least windowItems items without them.
        while (_samples.Count > 1 && received - _samples.Skip(1).First().Received >= windowItems) _samples.Dequeue();
        var (oldestReceived, oldestQuarantined) = _samples.Peek();
        var items = received - oldestReceived;
        return items >= windowItems && items > 0 ? 100.0 * (quarantined - oldestQuarantined) / items : null;
    }
}
