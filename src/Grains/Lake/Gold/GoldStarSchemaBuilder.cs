using System.Diagnostics;
using System.Globalization;
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
/// built with, so keys never change silently. Hospitals replay side by side (each its own census and
/// <see cref="GoldState"/>), patients' histories beside them in ingest order; Silver files are decoded and Gold files
/// encoded and written several at once.
/// </summary>
public sealed class GoldStarSchemaBuilder
{
    /// <summary>Silver files read and decoded at once.</summary>
    private static readonly int ReadConcurrency = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Gold files encoded and written at once: each write also waits for its disk flush or upload.</summary>
    private static readonly int WriteConcurrency = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly ILakeStorage _storage;
    private readonly HospitalCatalog _catalog;
    private readonly PatientKeyHasher _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<GoldStarSchemaBuilder> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<int, GoldState> _states = new();
    private readonly Dictionary<int, HospitalCensus> _census = new();
    private readonly Dictionary<string, PatientHistory> _patients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _patientKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedPatients = new(StringComparer.Ordinal);
    private readonly DepartmentDimension _departments = new();
    private readonly HashSet<string> _filesRead = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _appliedUpTo = new();
    private readonly Dictionary<int, Dictionary<long, SilverEvent>> _waiting = new();
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
            var state = _states[hospital.Id] = new GoldState();
            _census[hospital.Id] = new HospitalCensus(hospital, new CensusLimits(int.MaxValue / 2, int.MaxValue / 2), new StayTracker(hospital.Id, state));
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
            var (runs, rows, filesRead) = await ReadNewSilverAsync(cancellationToken);

            // Each hospital's census follows its apply order and records into its own GoldState; a patient may be in several
            // hospitals' rows, and the patient grains saw them in the order they were applied across hospitals: their ingest
            // order. Nothing is shared, so the patients and every hospital replay side by side.
            var replays = runs.Select(run => (Action)(() => Replay(run.Key, run.Value, started))).Prepend(() => ObservePatients(runs.Values, rows));
            await Task.WhenAll(replays.Select(replay => Task.Run(replay, cancellationToken)));

            foreach (var census in _census.Values)
            {
                census.ReleaseDueDischarges(started, new CensusChange());
            }

            var writes = new List<GoldWrite>();
            if (_changedPatients.Count > 0) writes.Add(new GoldWrite(GoldTables.DimPatient + GoldTables.FileName, () => GoldTables.Patient.EncodeAsync(PatientRows())));
            var admissions = AdmissionWrites();
            var occupancy = OccupancyWrites();
            writes.AddRange(admissions);
            writes.AddRange(occupancy);
            if (departmentsChanged || rows > 0)
            {
                var versions = _departments.Versions.ToArray();
                writes.Add(new GoldWrite(GoldTables.DimDepartment + GoldTables.FileName, () => GoldTables.Department.EncodeAsync(versions)));
            }

            if (rows > 0 && DateWrite() is { } dates) writes.Add(dates);
            await WriteAllAsync(writes, cancellationToken);
            _changedPatients.Clear();

            SilverRowsTotal += rows;
            foreach (var state in _states.Values) state.ClearChanges();
            var result = new GoldRefreshResult($"refresh-{started:yyyyMMddTHHmmssfff}", started, clock.Elapsed, rows, filesRead,
                admissions.Count, occupancy.Count, SilverRowsTotal);
            LastRefresh = result;
            _logger.LogInformation("Gold refresh: {Rows} Silver rows from {Files} files, {Admissions} fact_admission and {Occupancy} fact_occupancy_hourly partitions in {Ms} ms",
                rows, filesRead, admissions.Count, occupancy.Count, (int)clock.ElapsedMilliseconds);
            return result;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Currently admitted stays per "hospital/department", as Gold has them.</summary>
    public IReadOnlyDictionary<string, int> CurrentlyAdmitted() =>
        _states.Values.SelectMany(s => s.Stays.Values).Where(s => s.IsCurrentlyAdmitted).GroupBy(s => DepartmentKey.Of(s.HospitalId, s.CurrentDepartment))
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
    /// Reads Silver files not read before (decoding several at once) and returns, per hospital, the rows that continue its
    /// apply order; rows after a hole wait for the next refresh. Rows without an apply number (written before apply
    /// numbers existed) come first, in ingest order.
    /// </summary>
    private async Task<(Dictionary<int, List<SilverEvent>> Runs, int Rows, int Files)> ReadNewSilverAsync(CancellationToken cancellationToken)
    {
        var silverFiles = await _storage.ListAsync(LakePaths.Silver, cancellationToken);
        var newFiles = silverFiles.Where(f => !_filesRead.Contains(f.Path)).ToArray();
        var decoded = new IReadOnlyList<SilverEvent>?[newFiles.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, newFiles.Length), new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, token) => decoded[i] = await SilverFileReader.ReadAsync(await _storage.ReadAsync(newFiles[i].Path, token), token));

        var unnumbered = new List<SilverEvent>();
        for (var i = 0; i < newFiles.Length; i++)
        {
            foreach (var read in decoded[i]!)
            {
                var hospital = read.Event.HospitalId;
                if (read.ApplySeq == 0) unnumbered.Add(read);
                else if (read.ApplySeq > _appliedUpTo.GetValueOrDefault(hospital))
                {
                    if (!_waiting.TryGetValue(hospital, out var waiting)) _waiting[hospital] = waiting = new Dictionary<long, SilverEvent>();
                    waiting[read.ApplySeq] = read;
                }
            }

            decoded[i] = null;
            _filesRead.Add(newFiles[i].Path);
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
        var runs = new Dictionary<int, List<SilverEvent>>();
        List<SilverEvent> RunOf(int hospital) => runs.TryGetValue(hospital, out var run) ? run : runs[hospital] = [];
        foreach (var row in unnumbered) RunOf(row.Event.HospitalId).Add(row);
        var rows = unnumbered.Count;
        foreach (var (hospital, waiting) in _waiting)
        {
            var next = _appliedUpTo.GetValueOrDefault(hospital) + 1;
            var run = waiting.Count == 0 ? null : RunOf(hospital);
            while (true)
            {
                if (waiting.Remove(next, out var row))
                {
                    run!.Add(row);
                    rows++;
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

        return (runs, rows, newFiles.Length);
    }

    /// <summary>One hospital's new rows through its census, in its apply order (the census's listener records stays and segments).</summary>
    private void Replay(int hospitalId, List<SilverEvent> rows, DateTimeOffset now)
    {
        var census = _census[hospitalId];
        var change = new CensusChange();
        foreach (var row in rows)
        {
            census.Apply(row.Event, now, change);
            change.Anomalies.Clear();
        }
    }

    /// <summary>Every new row's patient attributes into the patient's history, in ingest order across hospitals.</summary>
    private void ObservePatients(IEnumerable<List<SilverEvent>> runs, int count)
    {
        var ordered = new SilverEvent[count];
        var order = new long[count];
        var i = 0;
        foreach (var row in runs.SelectMany(r => r))
        {
            ordered[i] = row;
            order[i++] = row.IngestSeq;
        }

        // Ingest sequence numbers are unique per row, so the order is total.
        Array.Sort(order, ordered);
        foreach (var row in ordered)
        {
            var e = row.Event;
            if (!_patients.TryGetValue(e.PatientId, out var history))
            {
                _patients[e.PatientId] = history = new PatientHistory();
                _patientKeys[e.PatientId] = _keys.KeyOf(e.PatientId);
            }

            if (history.Observe(PatientObservation.From(e)) || history.Versions.Count == 1) _changedPatients.Add(e.PatientId);
            if (_minEventTime is null || e.EventTime < _minEventTime) _minEventTime = e.EventTime;
            if (_maxEventTime is null || e.EventTime > _maxEventTime) _maxEventTime = e.EventTime;
        }
    }

    /// <summary>Writes the files, several at once; fails when any failed (the changes stay marked, so the next refresh writes them again).</summary>
    private async Task WriteAllAsync(IReadOnlyList<GoldWrite> writes, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = WriteConcurrency, CancellationToken = cancellationToken },
            async (write, token) => await _storage.WriteAsync(write.Path, await Task.Run(write.Content, token), token));

    private List<(string PatientKey, long PatientSk, PatientVersion Version)> PatientRows()
    {
        var rows = new List<(string, long, PatientVersion)>(_patients.Count);
        foreach (var (patientId, history) in _patients)
        {
            var key = _patientKeys[patientId];
            foreach (var version in history.Versions) rows.Add((key, PatientSk(key, version), version));
        }

        return rows;
    }

    /// <summary>A fact_admission partition per admission day with a changed stay: every stay admitted that day.</summary>
    private List<GoldWrite> AdmissionWrites()
    {
        var days = _states.Values.SelectMany(s => s.ChangedAdmissionDates).ToHashSet();
        return days.Select(day => new GoldWrite($"{GoldTables.FactAdmission}admission_date={day:yyyy-MM-dd}/{GoldTables.FileName}", () =>
        {
            var facts = _states.Values.SelectMany(s => s.StaysByAdmissionDate.TryGetValue(day, out var stays) ? stays : [])
                .OrderBy(s => s.AdmissionTime).ThenBy(s => s.StayId, StringComparer.Ordinal).ThenBy(s => s.HospitalId)
                .Select(s => new AdmissionFact(
                    s,
                    _keys.StayKeyOf(s.HospitalId, s.StayId),
                    PatientSkAt(s.PatientId, s.AdmissionTime),
                    _departments.At(s.HospitalId, s.AdmissionDepartment, s.AdmissionTime).DepartmentSk,
                    _departments.Current(s.HospitalId, s.CurrentDepartment).DepartmentSk)).ToArray();
            return GoldTables.Admission.EncodeAsync(facts);
        })).ToList();
    }

    /// <summary>
    /// fact_occupancy_hourly from the day of the earliest changed hour to the hour of the last event, a partition per day:
    /// every department's hours, by hospital, department and hour.
    /// </summary>
    private List<GoldWrite> OccupancyWrites()
    {
        var changes = _states.Values.Select(s => s.OccupancyChangedFrom).Where(t => t is not null).ToArray();
        if (changes.Length == 0 || _maxEventTime is not { } last) return [];
        var changedFrom = changes.Min()!.Value;
        var from = new DateTimeOffset(changedFrom.UtcDateTime.Date, TimeSpan.Zero);
        var hours = (int)Math.Max(0, (Hour(last).UtcTicks - from.UtcTicks) / TimeSpan.TicksPerHour + 1);
        if (hours == 0) return [];

        var departments = _catalog.AllDepartments.OrderBy(d => d.HospitalId).ThenBy(d => d.Department, StringComparer.Ordinal).ToArray()
            .AsParallel().AsOrdered()
            .Select(d => new DepartmentHours(d, SegmentsOf(d), _departments.VersionsOf(d.HospitalId, d.Department), from, hours))
            .ToArray();
        var writes = new List<GoldWrite>();
        for (var first = 0; first < hours; first += 24)
        {
            var (start, end) = (first, Math.Min(first + 24, hours));
            var day = DateOnly.FromDateTime(from.AddTicks(first * TimeSpan.TicksPerHour).UtcDateTime);
            writes.Add(new GoldWrite($"{GoldTables.FactOccupancyHourly}hour_date={day:yyyy-MM-dd}/{GoldTables.FileName}", () =>
            {
                var rows = new OccupancyHour[departments.Length * (end - start)];
                var i = 0;
                foreach (var department in departments)
                {
                    for (var hour = start; hour < end; hour++) rows[i++] = department.Row(hour);
                }

                return GoldTables.OccupancyHourly.EncodeAsync(rows);
            }));
        }

        return writes;
    }

    private IReadOnlyList<BedSegment> SegmentsOf(DepartmentInfo department) =>
        _states.TryGetValue(department.HospitalId, out var state) && state.Segments.TryGetValue(department.Department, out var segments) ? segments : [];

    private GoldWrite? DateWrite()
    {
        if (_minEventTime is not { } first || _maxEventTime is not { } last) return null;
        var earliest = _states.Values.Select(s => s.EarliestAdmission).Append(first).Min()!.Value;
        var start = DateOnly.FromDateTime(earliest.UtcDateTime);
        var end = DateOnly.FromDateTime(last.UtcDateTime);
        var dates = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays).ToArray();
        return new GoldWrite(GoldTables.DimDate + GoldTables.FileName, () => GoldTables.Date.EncodeAsync(dates));
    }

    private long PatientSkAt(string patientId, DateTimeOffset at)
    {
        if (!_patients.TryGetValue(patientId, out var history) || history.Versions.Count == 0) return 0;
        var versions = history.Versions;
        var version = versions[0];
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (versions[i].EffectiveFrom <= at)
            {
                version = versions[i];
                break;
            }
        }

        return PatientSk(_patientKeys[patientId], version);
    }

    // From the pseudonymous key, not the source id: an unkeyed hash of the source id and the visible effective_from
    // would let anyone with a list of candidate ids find a patient's rows. The hash of "{patientKey}|{ticks}".
    private static long PatientSk(string patientKey, PatientVersion version)
    {
        Span<char> text = stackalloc char[patientKey.Length + 1 + 20];
        patientKey.CopyTo(text);
        text[patientKey.Length] = '|';
        version.EffectiveFrom.UtcTicks.TryFormat(text[(patientKey.Length + 1)..], out var digits, default, CultureInfo.InvariantCulture);
        return (long)(IdHash.Of(text[..(patientKey.Length + 1 + digits)]) & long.MaxValue);
    }

    private static DateTimeOffset Hour(DateTimeOffset t) => new(t.UtcDateTime.Year, t.UtcDateTime.Month, t.UtcDateTime.Day, t.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    /// <summary>A Gold file to write: its path and how to make its content.</summary>
    private sealed record GoldWrite(string Path, Func<Task<ReadOnlyMemory<byte>>> Content);
}
