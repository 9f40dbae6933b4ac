using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake.Bronze;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Lake.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Lake;

/// <summary>
/// Buffers rows for the lake and flushes Bronze, Silver, quarantine and dropped-duplicate files by partition.
/// The edge records every received item (Bronze) and what cannot be placed (quarantine); hospital grains record what
/// they applied (Silver) and what they dropped as duplicates. Every row gets a monotonic ingest sequence number, and
/// Silver and dropped-duplicate rows name their Bronze row (<c>bronze_seq</c>). A failed flush keeps its rows.
/// </summary>
public sealed class LakeWriter(ILakeStorage storage, IOptions<LakeOptions> options, ILogger<LakeWriter> logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Buffers _buffers = new();
    private long _nextSeq = 1;
    private int _inFlightRows;
    private long _bronzeRows, _silverRows, _quarantineRows, _duplicates, _filesWritten, _silverFilesWritten;
    private DateTimeOffset? _lastFlushAt;
    private string? _lastFlushError;

    public ILakeStorage Storage => storage;

    public long SilverFilesWritten => Interlocked.Read(ref _silverFilesWritten);

    /// <summary>Rows held but not yet written (all tables): waiting for a flush or being written by one.</summary>
    public int BufferedRows
    {
        get
        {
            lock (_gate) return _buffers.Count + _inFlightRows;
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
        foreach (var prefix in new[] { LakePaths.Bronze, LakePaths.Silver, LakePaths.Quarantine, LakePaths.DroppedDuplicates })
        {
            foreach (var file in await storage.ListAsync(prefix, cancellationToken))
            {
                maxSeq = Math.Max(maxSeq, LakePaths.LastSeqOf(file.Path));
            }
        }

        lock (_gate) _nextSeq = Math.Max(_nextSeq, maxSeq + 1);
        logger.LogInformation("Lake at {Location}: next ingest sequence {Seq}", storage.Location, maxSeq + 1);
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
            var awaitingApply = Math.Max(0, _bronzeRows - _quarantineRows - _silverRows - _duplicates);
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
                var seq = _nextSeq++;
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
    /// Records what a hospital applied, in the order it applied it: Silver rows, and events dropped as duplicates.
    /// Each gets a new ingest sequence number, so Silver's sequence order is each hospital's apply order.
    /// </summary>
    public void AppendApplied(IReadOnlyList<SilverRow> silver, IReadOnlyList<AdtEvent> duplicates, DateTimeOffset appliedAt)
    {
        lock (_gate)
        {
            foreach (var row in silver)
            {
                _buffers.Silver.Add(row with { IngestSeq = _nextSeq++ });
                _silverRows++;
            }

            foreach (var e in duplicates)
            {
                _buffers.Duplicates.Add(new DroppedDuplicateRow(_nextSeq++, appliedAt, e.BronzeSeq, e.Source, e.SourceRef, e.EventId, e.HospitalId));
                _duplicates++;
            }
        }
    }

    /// <summary>Writes everything buffered. On failure the rows go back to the buffer and the exception is rethrown.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Buffers taken;
            lock (_gate)
            {
                taken = _buffers;
                _buffers = new Buffers();
                _inFlightRows = taken.Count;
            }

            if (taken.IsEmpty) return;
            try
            {
                await WritePartitionedAsync(taken.Bronze, LakePaths.Bronze, "ingest_date", r => r.ReceivedAt, r => r.IngestSeq, BronzeRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Quarantine, LakePaths.Quarantine, "ingest_date", r => r.ReceivedAt, r => r.IngestSeq, QuarantineRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Duplicates, LakePaths.DroppedDuplicates, "ingest_date", r => r.DroppedAt, r => r.IngestSeq, DroppedDuplicateRow.Table, cancellationToken);
                var silverFiles = await WritePartitionedAsync(taken.Silver, LakePaths.Silver, "event_date", r => r.Event.EventTime, r => r.IngestSeq, SilverRow.Table, cancellationToken,
                    rows => rows.SelectMany(r => r.Event.Extras.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                        .Select(name => (ExtraColumnName(name), (Func<SilverRow, string?>)(r => r.Extra(name)))));
                lock (_gate)
                {
                    _inFlightRows = 0;
                    _silverFilesWritten += silverFiles;
                    _lastFlushAt = DateTimeOffset.UtcNow;
                    _lastFlushError = null;
                }
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _buffers = taken.Then(_buffers);
                    _inFlightRows = 0;
                    _lastFlushError = ex.Message;
                }

                logger.LogError(ex, "Lake flush to {Location} failed; {Rows} rows stay buffered", storage.Location, taken.Bronze.Count);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

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

        public int Count => Bronze.Count + Silver.Count + Quarantine.Count + Duplicates.Count;

        public bool IsEmpty => Count == 0;

        /// <summary>These rows followed by <paramref name="later"/>'s, keeping ingest order.</summary>
        public Buffers Then(Buffers later) => new()
        {
            Bronze = [.. Bronze, .. later.Bronze],
            Silver = [.. Silver, .. later.Silver],
            Quarantine = [.. Quarantine, .. later.Quarantine],
            Duplicates = [.. Duplicates, .. later.Duplicates],
        };
    }
}
