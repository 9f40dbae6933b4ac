using MHA.Grains.Catalog;
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
/// Buffers every received item and flushes Bronze, Silver, quarantine and dropped-duplicate files by partition.
/// Every item gets a monotonic ingest sequence number; every Bronze row ends in exactly one of Silver (first
/// occurrence of its event id), quarantine (cannot be placed) or dropped duplicates. A failed flush keeps its rows.
/// </summary>
public sealed class LakeWriter(ILakeStorage storage, HospitalCatalog catalog, IOptions<LakeOptions> options, ILogger<LakeWriter> logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly HashSet<ulong> _silverEventIds = [];
    private readonly SilverCleaner _cleaner = new();
    private Buffers _buffers = new();
    private long _nextSeq = 1;
    private int _inFlightRows;
    private long _bronzeRows, _silverRows, _quarantineRows, _duplicates, _filesWritten, _silverFilesWritten;
    private DateTimeOffset? _lastFlushAt;
    private string? _lastFlushError;

    public ILakeStorage Storage => storage;

    public long SilverFilesWritten => Interlocked.Read(ref _silverFilesWritten);

    /// <summary>Rows received but not yet written: waiting for a flush or being written by one.</summary>
    public int BufferedRows
    {
        get
        {
            lock (_gate) return _buffers.Bronze.Count + _inFlightRows;
        }
    }

    public LakeStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new LakeStatistics(_bronzeRows, _silverRows, _quarantineRows, _duplicates, _buffers.Bronze.Count + _inFlightRows,
                    _filesWritten, _silverFilesWritten, _lastFlushAt, _lastFlushError);
            }
        }
    }

    /// <summary>Rebuilds the writer's memory from the lake: next sequence number, Silver event ids, last valid ages.</summary>
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

        var silverFiles = await storage.ListAsync(LakePaths.Silver, cancellationToken);
        var rows = new List<(long Seq, string EventId, string? Patient, int? Age)>();
        foreach (var file in silverFiles)
        {
            foreach (var row in await ParquetRows.ReadAsync(await storage.ReadAsync(file.Path, cancellationToken), cancellationToken))
            {
                rows.Add((row.Long("ingest_seq") ?? 0, row.String("event_id")!, row.String("patient_id"), row.Int("age")));
            }
        }

        lock (_gate)
        {
            _nextSeq = maxSeq + 1;
            foreach (var row in rows.OrderBy(r => r.Seq))
            {
                _silverEventIds.Add(IdHash.Of(row.EventId));
                if (row.Patient is not null && row.Age is { } age) _cleaner.Remember(row.Patient, age);
            }
        }

        logger.LogInformation("Lake at {Location}: next ingest sequence {Seq}, {Events} Silver events known", storage.Location, maxSeq + 1, rows.Count);
    }

    /// <summary>
    /// Whether <paramref name="items"/> more rows fit under <see cref="LakeOptions.MaxBufferedRows"/>; when not, how long
    /// the sender should wait (about one flush interval).
    /// </summary>
    public bool HasRoomFor(int items, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(options.Value.FlushInterval.TotalSeconds)));
        lock (_gate) return _buffers.Bronze.Count + _inFlightRows + items <= Math.Max(options.Value.MaxBufferedRows, items);
    }

    /// <summary>Records a received batch: items in order, with the parse result of each.</summary>
    public void Append(IReadOnlyList<ReceivedItem> items, IReadOnlyList<EventParseResult> results, IngestSource source, DateTimeOffset receivedAt)
    {
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

                if (result.Event is not { } e)
                {
                    _buffers.Quarantine.Add(new QuarantineRow(seq, receivedAt, source.Kind, source.Reference, item.Index,
                        item.FramingError ?? result.RejectReason ?? "unknown", payload, encoding, result.EventId));
                    _quarantineRows++;
                }
                else if (!_silverEventIds.Add(IdHash.Of(e.EventId)))
                {
                    _buffers.Duplicates.Add(new DroppedDuplicateRow(seq, receivedAt, source.Kind, source.Reference, e.EventId, e.HospitalId));
                    _duplicates++;
                }
                else
                {
                    _buffers.Silver.Add(_cleaner.Clean(e, seq, source, catalog.GetHospital(e.HospitalId).Name));
                    _silverRows++;
                }
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
                _inFlightRows = taken.Bronze.Count;
            }

            if (taken.IsEmpty) return;
            try
            {
                await WritePartitionedAsync(taken.Bronze, LakePaths.Bronze, "ingest_date", r => r.ReceivedAt, r => r.IngestSeq, BronzeRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Quarantine, LakePaths.Quarantine, "ingest_date", r => r.ReceivedAt, r => r.IngestSeq, QuarantineRow.Table, cancellationToken);
                await WritePartitionedAsync(taken.Duplicates, LakePaths.DroppedDuplicates, "ingest_date", r => r.ReceivedAt, r => r.IngestSeq, DroppedDuplicateRow.Table, cancellationToken);
                var silverFiles = await WritePartitionedAsync(taken.Silver, LakePaths.Silver, "event_date", r => r.Event.EventTime, r => r.IngestSeq, SilverRow.Table, cancellationToken,
                    rows => rows.SelectMany(r => r.Event.Extras.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                        .Select(name => (name, (Func<SilverRow, string?>)(r => r.Extra(name)))));
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

        public bool IsEmpty => Bronze.Count == 0 && Silver.Count == 0 && Quarantine.Count == 0 && Duplicates.Count == 0;

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
