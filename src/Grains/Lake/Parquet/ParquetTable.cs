using Parquet;
using Parquet.Schema;

namespace MHA.Grains.Lake.Parquet;

/// <summary>
/// A typed description of a Parquet table: each column a name, a Parquet type and how to read it from a row.
/// Timestamps are written as TIMESTAMP (milliseconds, UTC); numbers as INT32/INT64/DOUBLE; text as UTF-8 strings.
/// Every write makes its own schema fields (a schema takes ownership of its fields), so one table may write several
/// files at once.
/// </summary>
public sealed class ParquetTable<TRow>
{
    private readonly List<Column> _columns = [];

    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Name).ToArray();

    public ParquetTable<TRow> String(string name, Func<TRow, string?> value) =>
        Add(name, () => new DataField<string>(name, true), (rows, field, writer) => writer.WriteAsync(field, rows.Select(value).ToArray()));

    public ParquetTable<TRow> Int(string name, Func<TRow, int?> value) =>
        Add(name, () => new DataField<int?>(name), (rows, field, writer) => writer.WriteAsync<int>(field, rows.Select(value).ToArray()));

    public ParquetTable<TRow> Long(string name, Func<TRow, long?> value) =>
        Add(name, () => new DataField<long?>(name), (rows, field, writer) => writer.WriteAsync<long>(field, rows.Select(value).ToArray()));

    public ParquetTable<TRow> Double(string name, Func<TRow, double?> value) =>
        Add(name, () => new DataField<double?>(name), (rows, field, writer) => writer.WriteAsync<double>(field, rows.Select(value).ToArray()));

    public ParquetTable<TRow> Bool(string name, Func<TRow, bool?> value) =>
        Add(name, () => new DataField<bool?>(name), (rows, field, writer) => writer.WriteAsync<bool>(field, rows.Select(value).ToArray()));

    // Milliseconds: Parquet.Net 6.1 writes the min/max statistics of microsecond timestamps in the wrong unit,
    // which makes engines that prune by statistics (DuckDB, Synapse) skip matching rows.
    public ParquetTable<TRow> Timestamp(string name, Func<TRow, DateTimeOffset?> value) =>
        Add(name, () => new DateTimeDataField(name, DateTimeFormat.DateAndTime, isAdjustedToUTC: true, isNullable: true),
            (rows, field, writer) => writer.WriteAsync<DateTime>(field, rows.Select(r => value(r)?.UtcDateTime).ToArray()));

    public ParquetTable<TRow> Date(string name, Func<TRow, DateOnly?> value) =>
        Add(name, () => new DataField<DateOnly?>(name), (rows, field, writer) => writer.WriteAsync<DateOnly>(field, rows.Select(value).ToArray()));

    /// <summary>Writes the rows as one Parquet file (one row group) and returns its bytes.</summary>
    public async Task<byte[]> WriteAsync(IReadOnlyList<TRow> rows, IEnumerable<(string Name, Func<TRow, string?> Value)>? extraStringColumns = null) =>
        (await EncodeAsync(rows, extraStringColumns)).ToArray();

    /// <summary>As <see cref="WriteAsync"/>, without copying the file out of the buffer it was written to (large files are large objects).</summary>
    public async Task<ReadOnlyMemory<byte>> EncodeAsync(IReadOnlyList<TRow> rows, IEnumerable<(string Name, Func<TRow, string?> Value)>? extraStringColumns = null)
    {
        var columns = _columns.ToList();
        foreach (var (name, value) in extraStringColumns ?? [])
        {
            columns.Add(new Column(name, () => new DataField<string>(name, true), (rs, field, writer) => writer.WriteAsync(field, rs.Select(value).ToArray())));
        }

        var fields = columns.Select(c => c.NewField()).ToArray();
        using var buffer = new MemoryStream();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.Cast<Field>().ToArray()), buffer, options))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < columns.Count; i++)
            {
                await columns[i].Write(rows, fields[i], group);
            }
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private ParquetTable<TRow> Add(string name, Func<DataField> newField, Func<IReadOnlyList<TRow>, DataField, ParquetRowGroupWriter, Task> write)
    {
        _columns.Add(new Column(name, newField, write));
        return this;
    }

    private sealed record Column(string Name, Func<DataField> NewField, Func<IReadOnlyList<TRow>, DataField, ParquetRowGroupWriter, Task> Write);
}
