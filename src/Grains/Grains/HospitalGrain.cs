using MHA.Grains.Alerts;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Security;
using MHA.Grains.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MHA.Grains.Grains;

/// <summary>
/// Consumes its hospital's event stream (implicit subscription), applies events to the census in order, records
/// patient observations, writes what it applied to Silver (numbered by <c>apply_seq</c>) and what it dropped as
/// duplicates, and hands each changed department its new state. Not reentrant: a snapshot never sees half a batch.
/// Silver is its log: on activation (after a restart, or on another silo after a crash) it rebuilds its census from
/// Silver. In durable profiles it acknowledges a batch only once its rows are written, so a redelivered batch finds
/// exactly what was applied, and a Bronze row applied before is ignored rather than counted twice.
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
    private const int RestoreChunk = 1_000;

    private HospitalCensus _census = null!;
    private LakeWriter? _lake;
    private long _lastApplySeq;
    private bool _streamErrorRaised;

    private int HospitalId => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _census = new HospitalCensus(catalog.GetHospital(HospitalId), options.Value.CensusLimits);
        _lake = ServiceProvider.GetService(typeof(LakeWriter)) as LakeWriter;
        if (_lake is not null && ServiceProvider.GetService(typeof(SilverHistoryReader)) is SilverHistoryReader history)
        {
            await RestoreAsync(_lake, history, cancellationToken);
        }

        var period = options.Value.CountsRefreshInterval;
        this.RegisterGrainTimer(RefreshAsync, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = true });
    }

    /// <summary>Rebuilds the census (and the dedup memory) from what Silver holds of this hospital, in apply order.</summary>
    private async Task RestoreAsync(LakeWriter lake, SilverHistoryReader reader, CancellationToken cancellationToken)
    {
        // Stream deliveries can activate a hospital while its silo is still starting: wait until the writer knows its id.
        await lake.WhenReady.WaitAsync(cancellationToken);
        await lake.CommitAsync(cancellationToken);
        var history = await reader.ReadHospitalAsync(HospitalId, cancellationToken);
        var now = time.GetUtcNow();
        var change = new CensusChange();
        foreach (var chunk in history.Events.Chunk(RestoreChunk))
        {
            var applied = new List<AdtEvent>(chunk.Length);
            foreach (var row in chunk)
            {
                var before = change.Applied;
                _census.Apply(row.Event, now, change);
                if (change.Applied > before) applied.Add(row.Event);
            }

            await ObservePatientsAsync(applied);
        }

        _census.ReleaseDueDischarges(now, change);
        Remember(change.Anomalies, log: false);
        _lastApplySeq = history.LastApplySeq;

        // Numbers a crashed silo assigned but never wrote: recorded, so Gold does not wait for them.
        var missing = history.Missing();
        if (missing.Count > 0)
        {
            lake.AppendApplyGaps(missing.Select(g => new ApplyGapRow(0, now, HospitalId, g.From, g.To)).ToArray());
            await lake.CommitAsync(cancellationToken);
            logger.LogWarning("Hospital {HospitalId}: {Count} apply sequence ranges lost with a crashed silo recorded as gaps", HospitalId, missing.Count);
        }

        if (history.Events.Count > 0)
        {
            logger.LogInformation("Hospital {HospitalId}: census restored from {Events} Silver events", HospitalId, history.Events.Count);
            await SendDepartmentsAsync(_census.Departments.Select(d => d.Info.Department), now, force: true);
        }
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<AdtEventBatch>().ResumeAsync(this);

    public async Task OnNextAsync(AdtEventBatch item, StreamSequenceToken? token = null)
    {
        await ApplyAsync(item);
        await ResolveStreamErrorAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public async Task OnErrorAsync(Exception ex)
    {
        logger.LogError(new RedactedException(ex), "Event stream error for hospital {HospitalId}", HospitalId);
        if (ServiceProvider.GetService(typeof(IAlertPublisher)) is IAlertPublisher alerts)
        {
            _streamErrorRaised = true;
            await alerts.RaiseAsync(new AlertSignal(StreamErrorKey, AlertKinds.StreamReceiveError, AlertSeverity.Critical,
                $"Event stream of hospital {HospitalId} reports a receive error: {ex.GetType().Name}",
                new Dictionary<string, string> { ["hospital_id"] = HospitalId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }
    }

    private string StreamErrorKey => $"stream/{HospitalId}";

    /// <summary>A batch arrived after a receive error: the stream works again.</summary>
    private async Task ResolveStreamErrorAsync()
    {
        if (!_streamErrorRaised || ServiceProvider.GetService(typeof(IAlertPublisher)) is not IAlertPublisher alerts) return;
        _streamErrorRaised = false;
        await alerts.ResolveAsync(StreamErrorKey);
    }

    public async Task ApplyAsync(AdtEventBatch batch)
    {
        var now = time.GetUtcNow();
        var change = new CensusChange();
        var applied = new List<AdtEvent>(batch.Events.Count);
        var duplicates = new List<AdtEvent>();
        foreach (var e in batch.Events)
        {
            var (appliedBefore, duplicatesBefore) = (change.Applied, change.Duplicates);
            _census.Apply(e, now, change);
            if (change.Applied > appliedBefore) applied.Add(e);
            else if (change.Duplicates > duplicatesBefore) duplicates.Add(e);
        }

        _census.ReleaseDueDischarges(now, change);
        Remember(change.Anomalies);

        var ages = await ObservePatientsAsync(applied);
        if (_lake is not null)
        {
            var hospitalName = _census.Hospital.Name;
            _lake.AppendApplied(applied.Select((e, i) => SilverCleaner.Clean(e, ages[i], hospitalName) with { ApplySeq = ++_lastApplySeq }).ToArray(), duplicates, now);
            if (_lake.CommitBeforeAcknowledge) await _lake.CommitAsync();
        }

        await SendDepartmentsAsync(change.ChangedDepartments, now, force: true);
    }

    /// <summary>Hands the observations to the patients' shards (one call per shard, in order); returns the cleaned age of each applied event.</summary>
    private async Task<int?[]> ObservePatientsAsync(List<AdtEvent> applied)
    {
        var ages = new int?[applied.Count];
        var shards = options.Value.PatientShards;
        var byShard = new Dictionary<int, List<int>>();
        for (var i = 0; i < applied.Count; i++)
        {
            var shard = PatientShards.Of(applied[i].PatientId, shards);
            if (!byShard.TryGetValue(shard, out var indexes)) byShard[shard] = indexes = [];
            indexes.Add(i);
        }

        await Task.WhenAll(byShard.Select(async shard =>
        {
            var observations = shard.Value.Select(i => new PatientObservationOf(applied[i].PatientId, PatientObservation.From(applied[i]))).ToArray();
            var cleaned = await GrainFactory.GetGrain<IPatientShardGrain>(shard.Key).ObserveAsync(observations);
            for (var j = 0; j < shard.Value.Count; j++) ages[shard.Value[j]] = cleaned[j];
        }));
        return ages;
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

    public Task ReconfigureDepartmentsAsync(IReadOnlyList<DepartmentInfo> departments) =>
        SendDepartmentsAsync(_census.Reconfigure(departments), time.GetUtcNow(), force: true);

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
            var state = new DepartmentState(snapshot);
            sends.Add(GrainFactory.GetGrain<IDepartmentGrain>(department.Info.Key).UpdateAsync(state));
        }

        return Task.WhenAll(sends);
    }

    private void Remember(List<OccupancyAnomaly> anomalies, bool log = true)
    {
        foreach (var anomaly in anomalies)
        {
            _anomalyCounts[anomaly.Kind] = _anomalyCounts.GetValueOrDefault(anomaly.Kind) + 1;
            _recentAnomalies.Enqueue(anomaly);
            if (_recentAnomalies.Count > RecentAnomalyCount) _recentAnomalies.Dequeue();
        }

        if (log && anomalies.Count > 0)
        {
            logger.LogInformation("Hospital {HospitalId}: {Count} occupancy anomalies ({Kinds})",
                HospitalId, anomalies.Count, string.Join(",", anomalies.Select(a => a.Kind).Distinct()));
        }
    }
}
