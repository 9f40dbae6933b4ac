using MHA.Grains.Lake.Parquet;

namespace MHA.UnitTests.Lake;

/// <summary>
/// One <see cref="ParquetTable{TRow}"/> writes several files at once (Gold writes its partitions side by side, flushes
/// and compaction may overlap): every file reads back as exactly its own rows.
/// </summary>
public sealed class ParquetTableTests
{
    private sealed record Row(long Id, string Name, int? Count, DateTimeOffset At);

    private static readonly ParquetTable<Row> Table = new ParquetTable<Row>()
        .Long("id", r => r.Id)
        .String("name", r => r.Name)
        .Int("count", r => r.Count)
        .Timestamp("at", r => r.At);

    [Fact]
    public async Task Files_written_at_once_by_one_table_each_hold_their_own_rows()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var round = 0; round < 5; round++)
        {
            var files = Enumerable.Range(0, 16)
                .Select(file => Enumerable.Range(0, 2_000 + file * 37)
                    .Select(i => new Row(file * 1_000_000L + i, $"file-{file}-row-{i}", i % 7 == 0 ? null : i, start.AddMinutes(file * 10_000 + i)))
                    .ToArray())
                .ToArray();

            var written = await Task.WhenAll(files.Select(rows => Task.Run(() => Table.WriteAsync(rows), TestContext.Current.CancellationToken)));

            for (var file = 0; file < files.Length; file++)
            {
                var read = (await ParquetRows.ReadAsync(written[file], TestContext.Current.CancellationToken))
                    .Select(r => new Row(r.Long("id")!.Value, r.String("name")!, r.Int("count"), r.Timestamp("at")!.Value))
                    .ToArray();
                Assert.Equal(files[file], read);
            }
        }
    }
}
