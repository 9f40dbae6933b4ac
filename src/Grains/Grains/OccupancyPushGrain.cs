using MHA.Grains.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace MHA.Grains.Grains;

/// <summary>
/// One activation per silo. Keeps the latest snapshot per department for one push interval, then sends them in one
/// <see cref="OccupancyUpdate"/> to every registered web host. A department thus changes on the board at most once per interval.
/// </summary>
[StatelessWorker(1)]
public sealed class OccupancyPushGrain(TimeProvider time, IOptions<EngineOptions> options, ILogger<OccupancyPushGrain> logger)
    : Grain, IOccupancyPushGrain
{
    private static readonly TimeSpan ObserverListTtl = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, DepartmentOccupancy> _pending = new(StringComparer.Ordinal);
    private IGrainTimer? _flushTimer;
    private IReadOnlyList<IOccupancyBoardObserver> _observers = [];
    private DateTimeOffset _observersFetchedAt = DateTimeOffset.MinValue;

    public Task PublishAsync(DepartmentOccupancy snapshot)
    {
        _pending[$"{snapshot.HospitalId}/{snapshot.Department}"] = snapshot;
        if (_flushTimer is null)
        {
            _flushTimer = this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(options.Value.BoardPushInterval, Timeout.InfiniteTimeSpan));
        }

        return Task.CompletedTask;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendPendingAsync();
        }
        finally
        {
            // Disposed only now: disposing a grain timer cancels the token of its running callback.
            _flushTimer?.Dispose();
            _flushTimer = null;
        }
    }

    private async Task SendPendingAsync()
    {
        if (_pending.Count == 0) return;

        var update = new OccupancyUpdate(time.GetUtcNow(), _pending.Values.ToArray());
        _pending.Clear();

        var now = time.GetUtcNow();
        if (now - _observersFetchedAt > ObserverListTtl)
        {
            _observers = await GrainFactory.GetGrain<IBoardHostRegistryGrain>(0).GetObserversAsync();
            _observersFetchedAt = now;
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnOccupancyChanged(update).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex)
            {
                // A host that died is dropped by the registry after it stops renewing; others still get the update.
                logger.LogWarning("Board host did not take an occupancy update: {Error}", ex.GetType().Name);
                _observersFetchedAt = DateTimeOffset.MinValue;
            }
        }
    }
}
