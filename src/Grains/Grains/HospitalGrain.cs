using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MHA.Grains.Grains;

/// <summary>
/// Consumes its hospital's event stream (implicit subscription), applies events to the census in order, records
/// patient observations, and hands each changed department its new state. Not reentrant: a snapshot never sees half a batch.
/// </summary>
[ImplicitStreamSubscription(AdtStreams.Namespace)]
public sealed class HospitalGrain(
    HospitalCatalog catalog,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<HospitalGrain> logger) : Grain, IHospitalGrain, IStreamSubscriptionObserver, IAsyncObserver<AdtEventBatch>
{
    private const int RecentAnomalyCount = 100;

    private readonly Dictionary<string, long> _anomalyCounts = new(StringComparer.Ordinal);
    private readonly Queue<OccupancyAnomaly> _recentAnomalies = new();
    private readonly Dictionary<string, DepartmentOccupancy> _lastSent = new(StringComparer.Ordinal);
    private HospitalCensus _census = null!;

    private int HospitalId => (int)this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _census = new HospitalCensus(catalog.GetHospital(HospitalId), options.Value.CensusLimits);
        var period = options.Value.CountsRefreshInterval;
        this.RegisterGrainTimer(RefreshAsync, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<AdtEventBatch>().ResumeAsync(this);

    public Task OnNextAsync(AdtEventBatch item, StreamSequenceToken? token = null) => ApplyAsync(item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        logger.LogError(ex, "Event stream error for hospital {HospitalId}", HospitalId);
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(AdtEventBatch batch)
    {
        var now = time.GetUtcNow();
        var change = new CensusChange();
        var observations = new Dictionary<string, List<PatientObservation>>(StringComparer.Ordinal);
        foreach (var e in batch.Events)
        {
            var before = change.Applied;
            _census.Apply(e, now, change);
            if (change.Applied > before)
            {
                if (!observations.TryGetValue(e.PatientId, out var list))
                {
                    observations[e.PatientId] = list = [];
                }

                list.Add(PatientObservation.From(e));
            }
        }

        _census.ReleaseDueDischarges(now, change);
        Remember(change.Anomalies);

        await Task.WhenAll(observations.Select(o => GrainFactory.GetGrain<IPatientGrain>(o.Key).ObserveAsync(o.Value)));
        await SendDepartmentsAsync(change.ChangedDepartments, now, force: true);
    }

    public Task<HospitalOccupancy> GetOccupancyAsync() => Task.FromResult(_census.Snapshot(time.GetUtcNow()));

    public Task<IReadOnlyList<BedOccupant>> GetBedsAsync(string department)
    {
        var match = catalog.MatchDepartment(department);
        IReadOnlyList<BedOccupant> beds = match.Found
            ? _census.Department(match.Department!).Beds.OrderBy(b => b.BedId, StringComparer.Ordinal).ToArray()
            : [];
        return Task.FromResult(beds);
    }

    public Task<AnomalyReport> GetAnomaliesAsync() => Task.FromResult(new AnomalyReport(
        HospitalId,
        new Dictionary<string, long>(_anomalyCounts),
        _census.DuplicatesIgnored,
        _census.EventsApplied,
        _recentAnomalies.Reverse().ToArray()));

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var change = new CensusChange();
        _census.ReleaseDueDischarges(now, change);
        Remember(change.Anomalies);
        await SendDepartmentsAsync(_census.Departments.Select(d => d.Info.Department), now, force: false);
    }

    /// <summary>Sends departments whose numbers changed (or all given, when forced) to their grains.</summary>
    private Task SendDepartmentsAsync(IEnumerable<string> departments, DateTimeOffset now, bool force)
    {
        var sends = new List<Task>();
        foreach (var name in departments)
        {
            var department = _census.Department(name);
            var snapshot = department.Snapshot(now);
            if (!force && _lastSent.TryGetValue(name, out var last) && last == snapshot)
            {
                continue;
            }

            _lastSent[name] = snapshot;
            var state = new DepartmentState(snapshot, department.Beds.ToArray());
            sends.Add(GrainFactory.GetGrain<IDepartmentGrain>(department.Info.Key).UpdateAsync(state));
        }

        return Task.WhenAll(sends);
    }

    private void Remember(List<OccupancyAnomaly> anomalies)
    {
        foreach (var anomaly in anomalies)
        {
            _anomalyCounts[anomaly.Kind] = _anomalyCounts.GetValueOrDefault(anomaly.Kind) + 1;
            _recentAnomalies.Enqueue(anomaly);
            if (_recentAnomalies.Count > RecentAnomalyCount) _recentAnomalies.Dequeue();
        }

        if (anomalies.Count > 0)
        {
            logger.LogInformation("Hospital {HospitalId}: {Count} occupancy anomalies ({Kinds})",
                HospitalId, anomalies.Count, string.Join(",", anomalies.Select(a => a.Kind).Distinct()));
        }
    }
}
