using System.Diagnostics;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake.Bronze;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Storage;

namespace MHA.Grains.Lake.Replay;

/// <summary>
/// Reads a lake's Bronze in ingest order and hands each original request's items (their exact bytes, source and receive
/// time) to the <see cref="EventIngestor"/> again: the target lake gets the same Bronze payloads, and Silver, quarantine
/// and the hospitals' census follow from the engine's current rules. Files are read one at a time, so memory stays
/// bounded by one file, not by the lake.
/// </summary>
public sealed class BronzeReplayer(EventIngestor ingestor)
{
    public async Task<BronzeReplayResult> ReplayAsync(ILakeStorage source, int batchSize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // Part files are named by their first and last sequence number: ordered by the first, rows follow ingest order
        // (a silo's rows are in order within and across its files; several writers interleave by their clocks).
        var files = (await source.ListAsync(LakePaths.Bronze, cancellationToken))
            .OrderBy(f => LakePaths.FirstSeqOf(f.Path)).ThenBy(f => f.Path, StringComparer.Ordinal).ToArray();
        long rows = 0, accepted = 0, rejected = 0;
        foreach (var file in files)
        {
            var read = (await ParquetRows.ReadAsync(await source.ReadAsync(file.Path, cancellationToken), cancellationToken))
                .Select(BronzeRecord.Read).OrderBy(r => r.IngestSeq).ToArray();
            rows += read.Length;
            foreach (var request in Requests(read, batchSize))
            {
                var first = request[0];
                var items = request.Select(r => new ReceivedItem(r.ItemIndex, r.Payload)).ToArray();
                var result = await ingestor.IngestAsync(items, new IngestSource(first.Source, first.SourceRef), CancellationToken.None, first.ReceivedAt);
                accepted += result.Accepted;
                rejected += result.Rejected;
            }
        }

        return new BronzeReplayResult(files.Length, rows, accepted, rejected, clock.Elapsed);
    }

    /// <summary>Consecutive rows of one original request (same source, reference and receive time), at most <paramref name="batchSize"/> each.</summary>
    private static IEnumerable<BronzeRecord[]> Requests(BronzeRecord[] rows, int batchSize)
    {
        var current = new List<BronzeRecord>();
        foreach (var row in rows)
        {
            if (current.Count > 0 && (current.Count >= batchSize || !row.SameRequestAs(current[0])))
            {
                yield return current.ToArray();
                current.Clear();
            }

            current.Add(row);
        }

        if (current.Count > 0) yield return current.ToArray();
    }

    /// <summary>One Bronze row as replay needs it: the payload's original bytes (UTF-8 text, or base64 of invalid bytes).</summary>
    private sealed record BronzeRecord(long IngestSeq, DateTimeOffset ReceivedAt, string Source, string SourceRef, int ItemIndex, byte[] Payload)
    {
        public static BronzeRecord Read(Dictionary<string, object?> row)
        {
            var bytes = PayloadText.BytesOf(row.String("payload") ?? "", row.String("payload_encoding"));
            return new BronzeRecord(row.Long("ingest_seq") ?? 0, row.Timestamp("received_at") ?? DateTimeOffset.MinValue,
                row.String("source") ?? "unknown", row.String("source_ref") ?? "", row.Int("item_index") ?? 0, bytes);
        }

        public bool SameRequestAs(BronzeRecord other) =>
            Source == other.Source && SourceRef == other.SourceRef && ReceivedAt == other.ReceivedAt;
    }
}
