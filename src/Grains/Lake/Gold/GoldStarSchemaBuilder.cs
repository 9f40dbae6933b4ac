using System.Diagnostics;
using System.Text.Json;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Security;
using Microsoft.Extensions.Logging;

namespace MHA.Grains.Lake.Gold;

/// <summary>
/// Builds the Gold star schema from Silver, incrementally: each refresh applies, per hospital, the Silver rows that
/// continue its apply order (<c>apply_seq</c>) without a hole (a row still being written is waited for; a number lost
/// with a crashed silo is skipped once recorded in <c>silver/apply_gaps</c>), through the same census rules as the board, then rewrites the dimensions and only the fact partitions those rows
/// touched. Dimension keys are hashes of natural keys and version starts, so they survive refreshes and restarts.
/// Gold carries no source identifier: patients appear by their pseudonymous <c>patient_key</c> and stays by their
/// <c>stay_key</c> (<see cref="PatientKeyHasher"/>); it refuses to write when the secret differs from the one Gold was
/// built with, so keys never change silently.
/// </summary>
public sealed class GoldStarSchemaBuilder
{
    private readonly ILakeStorage _storage;
    private readonly HospitalCatalog _catalog;
    private readonly PatientKeyHasher _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<GoldStarSchemaBuilder> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly GoldState _state = new();
    private readonly Dictionary<int, HospitalCensus> _census = new();
    private readonly Dictionary<string, PatientHistory> _patients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _patientKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedPatients = new(StringComparer.Ordinal);
    private readonly DepartmentDimension _departments = new();
    private readonly HashSet<string> _filesRead = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _appliedUpTo = new();
    private readonly Dictionary<int, SortedDictionary<long, SilverEvent>> _waiting = new();
    private readonly Dictionary<int, List<ApplyGap>> _gaps = new();
    private bool _initialized;
    private DateTimeOffset? _minEventTime, _maxEventTime;

    public GoldStarSchemaBuilder(ILakeStorage storage, HospitalCatalog catalog, PatientKeyHasher keys, TimeProvider time, ILogger<GoldStarSchemaBuilder> logger)
    {
        _storage = storage;
        _catalog = catalog;
        _keys = keys;
        _time = time;
        _logger = logger;
        foreach (var hospital in catalog.Hospitals)
        {
            _census[hospital.Id] = new HospitalCensus(hospital, new CensusLimits(int.MaxValue / 2, int.MaxValue / 2), new StayTracker(hospital.Id, _state));
        }
    }

    /// <summary>Silver rows applied to Gold so far.</summary>
    public long SilverRowsTotal { get; private set; }

    public GoldRefreshResult? LastRefresh { get; private set; }

    public async Task<GoldRefreshResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var started = _time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            if (!_initialized)
            {
                await CheckPatientKeyAsync(cancellationToken);
                await LoadDimensionsAsync(cancellationToken);
                _initialized = true;
            }

            var departmentsChanged = _departments.Update(_catalog, started);
            var (rows, filesRead) = await ReadNewSilverAsync(cancellationToken);
            foreach (var row in rows)
            {
                var e = row.Event;
                _census[e.HospitalId].Apply(e, started, new CensusChange());
                if (_minEventTime is null || e.EventTime < _minEventTime) _minEventTime = e.EventTime;
                if (_maxEventTime is null || e.EventTime > _maxEventTime) _maxEventTime = e.EventTime;
            }

            // Each census follows its hospital's apply order; a patient may be in several hospitals' rows, and the patient
            // grains saw them in the order they were applied across hospitals: their ingest order.
            foreach (var row in rows.OrderBy(r => r.IngestSeq))
            {
                var e = row.Event;
                if (!_patients.TryGetValue(e.PatientId, out var history))
                {
                    _patients[e.PatientId] = history = new PatientHistory();
                    _patientKeys[e.PatientId] = _keys.KeyOf(e.PatientId);
                }

                if (history.Observe(PatientObservation.From(e)) || history.Versions.Count == 1) _changedPatients.Add(e.PatientId);
            }

            foreach (var census in _census.Values)
            {
                census.ReleaseDueDischarges(started, new CensusChange());
            }

            if (departmentsChanged || rows.Count > 0)
            {
                await WriteAsync(GoldTables.DimDepartment + GoldTables.FileName, GoldTables.Department, _departments.Versions.ToArray(), cancellationToken);
            }

            if (_changedPatients.Count > 0)
            {
                var patientRows = _patients.SelectMany(p => p.Value.Versions.Select(v => (_patientKeys[p.Key], PatientSk(_patientKeys[p.Key], v), v))).ToArray();
                await WriteAsync(GoldTables.DimPatient + GoldTables.FileName, GoldTables.Patient, patientRows, cancellationToken);
                _changedPatients.Clear();
            }

            var admissionPartitions = await WriteAdmissionsAsync(cancellationToken);
            var occupancyPartitions = await WriteOccupancyAsync(cancellationToken);
            if (rows.Count > 0) await WriteDatesAsync(cancellationToken);

            SilverRowsTotal += rows.Count;
            _state.ClearChanges();
            var result = new GoldRefreshResult($"refresh-{started:yyyyMMddTHHmmssfff}", started, clock.Elapsed, rows.Count, filesRead,
                admissionPartitions, occupancyPartitions, SilverRowsTotal);
            LastRefresh = result;
            _logger.LogInformation("Gold refresh: {Rows} Silver rows from {Files} files, {Admissions} fact_admission and {Occupancy} fact_occupancy_hourly partitions in {Ms} ms",
                rows.Count, filesRead, admissionPartitions, occupancyPartitions, (int)clock.ElapsedMilliseconds);
            return result;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Currently admitted stays per "hospital/department", as Gold has them.</summary>
    public IReadOnlyDictionary<string, int> CurrentlyAdmitted() =>
        _state.Stays.Values.Where(s => s.IsCurrentlyAdmitted).GroupBy(s => DepartmentKey.Of(s.HospitalId, s.CurrentDepartment))
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// Gold's keys are only as stable as the secret: records its fingerprint on first use and refuses to go on with
    /// another secret (restore it, or delete the fingerprint file on purpose: docs/security.md).
    /// </summary>
    private async Task CheckPatientKeyAsync(CancellationToken cancellationToken)
    {
        var marker = GoldTables.PatientKeyFingerprint;
        if ((await _storage.ListAsync(marker, cancellationToken)).Any(f => f.Path == marker))
        {
            using var recorded = JsonDocument.Parse(await _storage.ReadAsync(marker, cancellationToken));
            var fingerprint = recorded.RootElement.GetProperty("fingerprint").GetString();
            if (fingerprint == _keys.Fingerprint) return;
            throw new InvalidOperationException(
                $"The patient keys in Gold were made with another PatientKey:HmacSecret (fingerprint {fingerprint}; this silo has {_keys.Fingerprint}). " +
                $"Gold is left as it is: restore that secret, or delete {marker} to rebuild Gold with new keys (every patient_key, patient_sk and stay_key changes).");
        }

        await _storage.WriteAsync(marker, JsonSerializer.SerializeToUtf8Bytes(new { fingerprint = _keys.Fingerprint, algorithm = "HMAC-SHA256" }), cancellationToken);
    }

    private async Task LoadDimensionsAsync(CancellationToken cancellationToken)
    {
        var existing = await _storage.ListAsync(GoldTables.DimDepartment, cancellationToken);
        if (existing.Count == 0) return;
        var rows = await ParquetRows.ReadAsync(await _storage.ReadAsync(existing[0].Path, cancellationToken), cancellationToken);
        _departments.Load(rows.Select(r => new DepartmentVersion(r.Long("department_sk")!.Value, r.Int("hospital_id")!.Value, r.String("hospital_name")!,
            r.String("department")!, r.String("department_code")!, r.Int("capacity")!.Value, r.Int("staffed_beds")!.Value,
            r.Timestamp("effective_from")!.Value, r.Timestamp("effective_to"))));
    }

    /// <summary>
    /// Reads Silver files not read before and returns, per hospital, the rows that continue its apply order; rows after a
    /// hole wait for the next refresh. Rows without an apply number (written before apply numbers existed) come first,
    /// in ingest order.
    /// </summary>
    private async Task<(List<SilverEvent> Rows, int Files)> ReadNewSilverAsync(CancellationToken cancellationToken)
    {
        var unnumbered = new List<SilverEvent>();
        var silverFiles = await _storage.ListAsync(LakePaths.Silver, cancellationToken);
        var files = 0;
        foreach (var file in silverFiles.Where(f => !_filesRead.Contains(f.Path)))
        {
            foreach (var row in await ParquetRows.ReadAsync(await _storage.ReadAsync(file.Path, cancellationToken), cancellationToken))
            {
                var read = SilverEventReader.Read(row);
                var hospital = read.Event.HospitalId;
                if (read.ApplySeq == 0) unnumbered.Add(read);
                else if (read.ApplySeq > _appliedUpTo.GetValueOrDefault(hospital))
                {
                    if (!_waiting.TryGetValue(hospital, out var waiting)) _waiting[hospital] = waiting = new SortedDictionary<long, SilverEvent>();
                    waiting[read.ApplySeq] = read;
                }
            }

            _filesRead.Add(file.Path);
            files++;
        }

        var gapFiles = await _storage.ListAsync(LakePaths.ApplyGaps, cancellationToken);
        foreach (var file in gapFiles)
        {
            if (!_filesRead.Add(file.Path)) continue;
            foreach (var row in await ParquetRows.ReadAsync(await _storage.ReadAsync(file.Path, cancellationToken), cancellationToken))
            {
                var (hospital, gap) = ApplyGapRow.Read(row);
                if (!_gaps.TryGetValue(hospital, out var gaps)) _gaps[hospital] = gaps = [];
                gaps.Add(gap);
            }
        }

        // Files compacted away are never listed again: forget them.
        _filesRead.IntersectWith(silverFiles.Concat(gapFiles).Select(f => f.Path));

        unnumbered.Sort((a, b) => a.IngestSeq.CompareTo(b.IngestSeq));
        var rows = unnumbered.ToList();
        foreach (var (hospital, waiting) in _waiting)
        {
            var next = _appliedUpTo.GetValueOrDefault(hospital) + 1;
            while (true)
            {
                if (waiting.Remove(next, out var row))
                {
                    rows.Add(row);
                    next++;
                }
                else if (_gaps.TryGetValue(hospital, out var gaps) && gaps.FirstOrDefault(g => g.Contains(next)) is { To: > 0 } gap)
                {
                    next = gap.To + 1;
                }
                else
                {
                    break;
                }
            }

            _appliedUpTo[hospital] = next - 1;
        }

        return (rows, files);
    }

    private async Task<int> WriteAdmissionsAsync(CancellationToken cancellationToken)
    {
        if (_state.ChangedAdmissionDates.Count == 0) return 0;
        var byDate = _state.Stays.Values.Where(s => _state.ChangedAdmissionDates.Contains(s.AdmissionDate)).GroupBy(s => s.AdmissionDate);
        var written = 0;
        foreach (var partition in byDate)
        {
            var facts = partition.OrderBy(s => s.AdmissionTime).ThenBy(s => s.StayId, StringComparer.Ordinal).Select(s => new AdmissionFact(
                s,
                _keys.StayKeyOf(s.HospitalId, s.StayId),
                PatientSkAt(s.PatientId, s.AdmissionTime),
                _departments.At(s.HospitalId, s.AdmissionDepartment, s.AdmissionTime).DepartmentSk,
                _departments.Current(s.HospitalId, s.CurrentDepartment).DepartmentSk)).ToArray();
            await WriteAsync($"{GoldTables.FactAdmission}admission_date={partition.Key:yyyy-MM-dd}/{GoldTables.FileName}", GoldTables.Admission, facts, cancellationToken);
            written++;
        }

        return written;
    }

    private async Task<int> WriteOccupancyAsync(CancellationToken cancellationToken)
    {
        if (_state.OccupancyChangedFrom is not { } changedFrom || _maxEventTime is not { } last) return 0;
        var from = new DateTimeOffset(changedFrom.UtcDateTime.Date, TimeSpan.Zero);
        var until = Hour(last);
        var hours = new List<OccupancyHour>();
        foreach (var department in _catalog.AllDepartments)
        {
            var segments = _state.Segments.Where(s => s.HospitalId == department.HospitalId && s.Department == department.Department).ToArray();
            var deltas = segments.Select(s => (Time: s.Start, Delta: 1))
                .Concat(segments.Where(s => s.End is not null).Select(s => (Time: s.End!.Value, Delta: -1)))
                .OrderBy(d => d.Time).ToArray();
            var admissions = segments.Where(s => s.StartsStay).GroupBy(s => Hour(s.Start)).ToDictionary(g => g.Key, g => g.Count());
            var discharges = segments.Where(s => s.EndsStay && s.End is not null).GroupBy(s => Hour(s.End!.Value)).ToDictionary(g => g.Key, g => g.Count());
            var occupied = 0;
            var next = 0;
            for (var hour = from; hour <= until; hour = hour.AddHours(1))
            {
                while (next < deltas.Length && deltas[next].Time <= hour) occupied += deltas[next++].Delta;
                var version = _departments.At(department.HospitalId, department.Department, hour);
                hours.Add(new OccupancyHour(department.HospitalId, department.Department, version.DepartmentSk, hour, occupied, version.StaffedBeds,
                    admissions.GetValueOrDefault(hour), discharges.GetValueOrDefault(hour)));
            }
        }

        var written = 0;
        foreach (var partition in hours.GroupBy(h => DateOnly.FromDateTime(h.Hour.UtcDateTime)))
        {
            await WriteAsync($"{GoldTables.FactOccupancyHourly}hour_date={partition.Key:yyyy-MM-dd}/{GoldTables.FileName}", GoldTables.OccupancyHourly,
                partition.OrderBy(h => h.HospitalId).ThenBy(h => h.Department, StringComparer.Ordinal).ThenBy(h => h.Hour).ToArray(), cancellationToken);
            written++;
        }

        return written;
    }

    private async Task WriteDatesAsync(CancellationToken cancellationToken)
    {
        if (_minEventTime is not { } first || _maxEventTime is not { } last) return;
        var start = DateOnly.FromDateTime(_state.Stays.Values.Select(s => s.AdmissionTime).Append(first).Min().UtcDateTime);
        var end = DateOnly.FromDateTime(last.UtcDateTime);
        var dates = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays).ToArray();
        await WriteAsync(GoldTables.DimDate + GoldTables.FileName, GoldTables.Date, dates, cancellationToken);
    }

    private async Task WriteAsync<TRow>(string path, ParquetTable<TRow> table, IReadOnlyList<TRow> rows, CancellationToken cancellationToken) =>
        await _storage.WriteAsync(path, await table.WriteAsync(rows), cancellationToken);

    private long PatientSkAt(string patientId, DateTimeOffset at)
    {
        if (!_patients.TryGetValue(patientId, out var history) || history.Versions.Count == 0) return 0;
        var version = history.Versions.LastOrDefault(v => v.EffectiveFrom <= at) ?? history.Versions[0];
        return PatientSk(_patientKeys[patientId], version);
    }

    // From the pseudonymous key, not the source id: an unkeyed hash of the source id and the visible effective_from
    // would let anyone with a list of candidate ids find a patient's rows.
    private static long PatientSk(string patientKey, PatientVersion version) =>
        (long)(IdHash.Of($"{patientKey}|{version.EffectiveFrom.UtcTicks}") & long.MaxValue);

    private static DateTimeOffset Hour(DateTimeOffset t) => new(t.UtcDateTime.Year, t.UtcDateTime.Month, t.UtcDateTime.Day, t.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
}
