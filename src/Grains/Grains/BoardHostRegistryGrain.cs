namespace MHA.Grains.Grains;

/// <summary>Keeps the board's web hosts and drops those that stopped renewing (see <see cref="IBoardHostRegistryGrain"/>).</summary>
public sealed class BoardHostRegistryGrain(TimeProvider time, Microsoft.Extensions.Options.IOptions<EngineOptions> options) : Grain, IBoardHostRegistryGrain
{
    private readonly Dictionary<string, (IOccupancyBoardObserver Observer, DateTimeOffset RenewedAt)> _hosts = new(StringComparer.Ordinal);

    public Task RegisterAsync(string hostId, IOccupancyBoardObserver observer)
    {
        _hosts[hostId] = (observer, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(string hostId)
    {
        _hosts.Remove(hostId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IOccupancyBoardObserver>> GetObserversAsync()
    {
        var expiry = time.GetUtcNow() - 3 * options.Value.BoardHostRenewInterval;
        foreach (var stale in _hosts.Where(h => h.Value.RenewedAt < expiry).Select(h => h.Key).ToArray())
        {
            _hosts.Remove(stale);
        }

        IReadOnlyList<IOccupancyBoardObserver> observers = _hosts.Values.Select(h => h.Observer).ToArray();
        return Task.FromResult(observers);
    }
}
