using MHA.Grains.Audit;
using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake.Bronze;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Lake;

/// <summary>
/// Buffers rows for the lake and flushes Bronze, Silver, quarantine and dropped-duplicate files by partition.
/// The edge records every received item (Bronze) and what cannot be placed (quarantine); hospital grains record what
/// they applied (Silver, with each hospital's <c>apply_seq</c>) and what they dropped as duplicates. Every row gets an
/// ingest sequence number unique across the silos writing the lake (<see cref="LakeSequence"/>), and Silver and
/// dropped-duplicate rows name their Bronze row (<c>bronze_seq</c>). Audit rows (<see cref="AuditLog"/>) share the buffer,
/// the sequence and the commits. A failed flush keeps its rows.
/// <see cref="CommitAsync"/> waits until everything appended so far is written (group commit).
/// </summary>
public sealed class LakeWriter(ILakeStorage storage, IOptions<LakeOptions> options, TimeProvider time, ILogger<LakeWriter> logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly SemaphoreSlim _commitRequested = new(0, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LakeSequence _sequence = new(options.Value.WriterId ?? 0, time);
    private Buffers _buffers = new();
    private TaskCompletionSource _nextFlush = NewCommit();
    private TaskCompletionSource _runningFlush = NewCommit();
    private int _inFlightRows;
    private long _bronzeRows, _silverRows, _quarantineRows, _duplicates, _filesWritten, _silverFilesWritten;
    private DateTimeOffset? _lastFlushAt;
    private string? _lastFlushError;
    private int _consecutiveFailedFlushes;
    private DateTimeOffset? _failingSince;

    public ILakeStorage Storage => storage;

    /// <summary>Whether acknowledgements wait for <see cref="CommitAsync"/> (<see cref="LakeOptions.CommitBeforeAcknowledge"/>).</summary>
    public bool CommitBeforeAcknowledge => options.Value.CommitBeforeAcknowledge;

    public int WriterId => _sequence.WriterId;

    /// <summary>Completes once <see cref="InitializeAsync"/> has run: where the sequence continues is known, rows may be appended.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>
    /// Uses <paramref name="writerId"/> in the sequence numbers from now on (a writer id leased from the cluster; see
    /// <c>ILakeWriterRegistryGrain</c>). Numbers keep growing: the clock carries over.
    /// </summary>
    public void AssignWriter(int writerId)
    {
        lock (_gate)
        {
            if (writerId == _sequence.WriterId) return;
            var next = new LakeSequence(writerId, time);
            next.Observe(_sequence.Next());
            _sequence = next;
        }

        logger.LogInformation("Lake writer id {Writer}", writerId);
    }

    public long SilverFilesWritten => Interlocked.Read(ref _silverFilesWritten);

    /// <summary>Rows held but not yet written (all tables): waiting for a flush or being written by one.</summary>
    public int BufferedRows
    {
        get
        {
            lock (_gate) return _buffers.Count + _inFlightRows;
        }
    }

    /// <summary>Flushes that failed since the last successful one, and since when (alert source: lake writes failing).</summary>
    public (int Count, DateTimeOffset? Since) FailedFlushes
    {
        get
        {
            lock (_gate) return (_consecutiveFailedFlushes, _failingSince);
        }
    }

    public LakeStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new LakeStatistics(_bronzeRows, _silverRows, _quarantineRows, _duplicates, _buffers.Count + _inFlightRows,
                    _filesWritten, _silverFilesWritten, _lastFlushAt, _lastFlushError);
            }
        }
    }

    /// <summary>Rebuilds the writer's memory from the lake: the next ingest sequence number.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var maxSeq = 0L;
        foreach (var prefix in new[] { LakePaths.Bronze, LakePaths.Silver, LakePaths.Quarantine, LakePaths.DroppedDuplicates, LakePaths.ApplyGaps, LakePaths.Audit })
        {
            foreach (var file in await storage.ListAsync(prefix, cancellationToken))
            {
                maxSeq = Math.Max(maxSeq, LakePaths.LastSeqOf(file.Path));
            }
        }

        lock (_gate) _sequence.Observe(maxSeq);
        logger.LogInformation("Lake at {Location}: writer {Writer}, sequence continues after {Seq}", storage.Location, _sequence.WriterId, maxSeq);
        _ready.TrySetResult();
    }

    /// <summary>
    /// Whether <paramref name="items"/> more rows fit under <see cref="LakeOptions.MaxBufferedRows"/>; when not, how long
    /// the sender should wait (about one flush interval).
    /// </summary>
    public bool HasRoomFor(int items, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(options.Value.FlushInterval.TotalSeconds)));
        lock (_gate)
        {
            // Placed events the hospitals have not applied yet will each add a Silver or dropped-duplicate row, and each
            // new item adds a Bronze row now and one more later: reserve room for all of it.
            // With commits before acknowledgement the hospitals write what they apply before taking more, possibly on other
            // silos, so only what is held here counts.
            var awaitingApply = CommitBeforeAcknowledge ? 0 : Math.Max(0, _bronzeRows - _quarantineRows - _silverRows - _duplicates);
            return _buffers.Count + _inFlightRows + awaitingApply + 2L * items <= Math.Max(options.Value.MaxBufferedRows, 2L * items);
        }
    }

    /// <summary>
    /// Records a received batch at the edge: every item to Bronze (with a new ingest sequence number), every item that
    /// cannot be placed to quarantine. Returns the parse results with placed events stamped with their Bronze row and source.
    /// </summary>
    public EventParseResult[] AppendReceived(IReadOnlyList<ReceivedItem> items, IReadOnlyList<EventParseResult> results, IngestSource source, DateTimeOffset receivedAt)
    {
        var stamped = new EventParseResult[items.Count];
        lock (_gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var seq = _sequence.Next();
                var item = items[i];
                var result = results[i];
                var (payload, encoding) = PayloadText.Of(item.Payload.Span);
                _buffers.Bronze.Add(new BronzeRow(seq, receivedAt, source.Kind, source.Reference, item.Index, payload, encoding, result.EventId));
                _bronzeRows++;

                if (result.Event is { } e)
                {
                    stamped[i] = EventParseResult.Ok(e with { BronzeSeq = seq, Source = source.Kind, SourceRef = source.Reference });
                }
                else
                {
                    _buffers.Quarantine.Add(new QuarantineRow(seq, receivedAt, source.Kind, source.Reference, item.Index,
                        item.FramingError ?? result.RejectReason ?? "unknown", payload, encoding, result.EventId));
                    _quarantineRows++;
                    stamped[i] = result;
                }
            }
        }

        return stamped;
    }

    /// <summary>
    /// Records what a hospital applied, in the order it applied it: Silver rows (numbered by the hospital's
    /// <c>apply_seq</c>), and events dropped as duplicates. Each row gets a new ingest sequence number.
    /// </summary>
    public void AppendApplied(IReadOnlyList<SilverRow> silver, IReadOnlyList<AdtEvent> duplicates, DateTimeOffset appliedAt)
    {
        lock (_gate)
        {
            foreach (var row in silver)
            {
                _buffers.Silver.Add(row with { IngestSeq = _sequence.Next() });
                _silverRows++;
            }

            foreach (var e in duplicates)
            {
                _buffers.Duplicates.Add(new DroppedDuplicateRow(_sequence.Next(), appliedAt, e.BronzeSeq, e.Source, e.SourceRef, e.EventId, e.HospitalId));
                _duplicates++;
            }
        }
    }

    /// <summary>
    /// Records apply sequence numbers of a hospital that will never have a Silver row (lost with a crashed silo before
    /// they were written; their events are delivered again and applied under new numbers), so readers do not wait for them.
    /// </summary>
    public void AppendApplyGaps(IReadOnlyList<ApplyGapRow> gaps)
    {
        lock (_gate)
        {
            foreach (var gap in gaps) _buffers.Gaps.Add(gap with { IngestSeq = _sequence.Next() });
        }
    }

    /// <summary>Records an audit row (<see cref="AuditLog"/>) with a new ingest sequence number; written by the next flush or commit.</summary>
    public void AppendAudit(AuditRow row)
    {
        lock (_gate) _buffers.Audit.Add(row with { IngestSeq = _sequence.Next() });
    }

    /// <summary>
    /// Completes once everything appended before the call is written (group commit: one flush serves every waiter);
    /// waits through failed flushes until one succeeds.
    /// </summary>
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        Task next;
        lock (_gate)
        {
            if (!_buffers.IsEmpty) next = _nextFlush.Task;
            else if (_inFlightRows > 0) next = _runningFlush.Task;
            else return Task.CompletedTask;
        }

        if (_commitRequested.CurrentCount == 0)
        {
            try
            {
                _commitRequested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already requested.
            }
        }

        return next.WaitAsync(cancellationToken);
    }

    /// <summary>Waits up to <paramref name="timeout"/> or until someone waits for a commit (then for <see cref="LakeOptions.CommitDelay"/>, so more rows join the write).</summary>
    public async Task<bool> WaitForCommitRequestAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _commitRequested.WaitAsync(timeout, cancellationToken)) return false;
        await Task.Delay(options.Value.CommitDelay, time, cancellationToken);
        return true;
    }

    /// <summary>Writes everything buffered. On failure the rows go back to the buffer and the exception is rethrown.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Buffers taken;
            TaskCompletionSource commit;
            lock (_gate)
            {
                taken = _buffers;
                _buffers = new Buffers();
                _inFlightRows = taken.Count;
                commit = _nextFlush;
                _runningFlush = commit;
                _nextFlush = NewCommit();
            }

            if (taken.IsEmpty)
            {
                commit.TrySetResult();
                return;
            }

            try
            {
                await WritePartitionedAsync(taken.Bronze, LakePaths.Bronze, "ingest_date", r => r.ReceivedAt, r => r.IngestSeq, BronzeRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Quarantine, LakePaths.Quarantine, "ingest_date", r => r.ReceivedAt, r => r.IngestSeq, QuarantineRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Duplicates, LakePaths.DroppedDuplicates, "ingest_date", r => r.DroppedAt, r => r.IngestSeq, DroppedDuplicateRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Gaps, LakePaths.ApplyGaps, "ingest_date", r => r.RecordedAt, r => r.IngestSeq, ApplyGapRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Audit, LakePaths.Audit, "audit_date", r => r.OccurredAt, r => r.IngestSeq, AuditRow.Table, cancellationToken);
                var silverFiles = await WritePartitionedAsync(taken.Silver, LakePaths.Silver, "event_date", r => r.Event.EventTime, r => r.IngestSeq, SilverRow.Table, cancellationToken,
                    SilverExtraColumns);
                lock (_gate)
                {
                    _inFlightRows = 0;
                    _silverFilesWritten += silverFiles;
                    _lastFlushAt = DateTimeOffset.UtcNow;
                    _lastFlushError = null;
                    _consecutiveFailedFlushes = 0;
                    _failingSince = null;
                }

                commit.TrySetResult();
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _buffers = taken.Then(_buffers);
                    _inFlightRows = 0;
                    // Shown by the pipeline page and the lake-write alert: without values the message may quote from the rows.
                    _lastFlushError = RedactedText.Of(ex);
                    _consecutiveFailedFlushes++;
                    _failingSince ??= time.GetUtcNow();

                    // The rows are back in the buffer: their waiters wait for the next flush, with those who came since.
                    var later = _nextFlush;
                    _nextFlush = commit;
                    _ = commit.Task.ContinueWith(_ => later.TrySetResult(), TaskScheduler.Default);
                }

                logger.LogError(new RedactedException(ex), "Lake flush to {Location} failed; {Rows} rows stay buffered", storage.Location, taken.Bronze.Count);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private static TaskCompletionSource NewCommit() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The Silver columns of attributes outside the contract that <paramref name="rows"/> carry, by name.</summary>
    public static IEnumerable<(string Name, Func<SilverRow, string?> Value)> SilverExtraColumns(IReadOnlyList<SilverRow> rows) =>
        rows.SelectMany(r => r.Event.Extras.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => (ExtraColumnName(name), (Func<SilverRow, string?>)(r => r.Extra(name))));

    /// <summary>An extra attribute's Silver column: its own name, unless that is a column Silver already has.</summary>
    private static string ExtraColumnName(string attribute) =>
        SilverRow.Table.ColumnNames.Contains(attribute, StringComparer.OrdinalIgnoreCase) ? $"extra_{attribute}" : attribute;

    private async Task<int> WritePartitionedAsync<TRow>(List<TRow> rows, string table, string partitionColumn, Func<TRow, DateTimeOffset> partitionTime,
        Func<TRow, long> seq, ParquetTable<TRow> schema, CancellationToken cancellationToken,
        Func<IReadOnlyList<TRow>, IEnumerable<(string, Func<TRow, string?>)>>? extras = null)
    {
        var files = 0;
        foreach (var partition in rows.GroupBy(r => LakePaths.Day(partitionTime(r))).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray())
        {
            var partRows = partition.ToArray();
            var content = await schema.WriteAsync(partRows, extras?.Invoke(partRows));
            var path = LakePaths.PartFile(table, partitionColumn, partition.Key, seq(partRows[0]), seq(partRows[^1]));
            await storage.WriteAsync(path, content, cancellationToken);
            Interlocked.Increment(ref _filesWritten);
            files++;

            // Written: a retry after a later failure must not write these rows twice.
            var written = new HashSet<object>(partRows.Cast<object>(), ReferenceEqualityComparer.Instance);
            rows.RemoveAll(r => written.Contains(r!));
        }

        return files;
    }

    /// <summary>Rows waiting for the next flush, by destination table.</summary>
    private sealed class Buffers
    {
        public List<BronzeRow> Bronze { get; init; } = [];
        public List<SilverRow> Silver { get; init; } = [];
        public List<QuarantineRow> Quarantine { get; init; } = [];
        public List<DroppedDuplicateRow> Duplicates { get; init; } = [];
        public List<ApplyGapRow> Gaps { get; init; } = [];
        public List<AuditRow> Audit { get; init; } = [];

        public int Count => Bronze.Count + Silver.Count + Quarantine.Count + Duplicates.Count + Gaps.Count + Audit.Count;

        public bool IsEmpty => Count == 0;

        /// <summary>These rows followed by <paramref name="later"/>'s, keeping ingest order.</summary>
        public Buffers Then(Buffers later) => new()
        {
            Bronze = [.. Bronze, .. later.Bronze],
            Silver = [.. Silver, .. later.Silver],
            Quarantine = [.. Quarantine, .. later.Quarantine],
            Duplicates = [.. Duplicates, .. later.Duplicates],
            Gaps = [.. Gaps, .. later.Gaps],
            Audit = [.. Audit, .. later.Audit],
        };
    }
}
