using Parquet;
using Parquet.Schema;

namespace MHA.Grains.Lake.Parquet;

/// <summary>
/// A typed description of a Parquet table: each column a name, a Parquet type and how to read it from a row.
/// Timestamps are written as TIMESTAMP (milliseconds, UTC); numbers as INT32/INT64/DOUBLE; text as UTF-8 strings.
/// </summary>
public sealed class ParquetTable<TRow>
{
    private readonly List<Column> _columns = [];

    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Field.Name).ToArray();

    public ParquetTable<TRow> String(string name, Func<TRow, string?> value)
    {
        var field = new DataField<string>(name, true);
        _columns.Add(new Column(field, (rows, writer) => writer.WriteAsync(field, rows.Select(value).ToArray())));
        return this;
    }

    public ParquetTable<TRow> Int(string name, Func<TRow, int?> value)
    {
        var field = new DataField<int?>(name);
        _columns.Add(new Column(field, (rows, writer) => writer.WriteAsync<int>(field, rows.Select(value).ToArray())));
        return this;
    }

    public ParquetTable<TRow> Long(string name, Func<TRow, long?> value)
    {
        var field = new DataField<long?>(name);
        _columns.Add(new Column(field, (rows, writer) => writer.WriteAsync<long>(field, rows.Select(value).ToArray())));
        return this;
    }

    public ParquetTable<TRow> Double(string name, Func<TRow, double?> value)
    {
        var field = new DataField<double?>(name);
        _columns.Add(new Column(field, (rows, writer) => writer.WriteAsync<double>(field, rows.Select(value).ToArray())));
        return this;
    }

    public ParquetTable<TRow> Bool(string name, Func<TRow, bool?> value)
    {
        var field = new DataField<bool?>(name);
        _columns.Add(new Column(field, (rows, writer) => writer.WriteAsync<bool>(field, rows.Select(value).ToArray())));
        return this;
    }

    public ParquetTable<TRow> Timestamp(string name, Func<TRow, DateTimeOffset?> value)
    {
        // Milliseconds: Parquet.Net 6.1 writes the min/max statistics of microsecond timestamps in the wrong unit,
        // which makes engines that prune by statistics (DuckDB, Synapse) skip matching rows.
        var field = new DateTimeDataField(name, DateTimeFormat.DateAndTime, isAdjustedToUTC: true, isNullable: true);
        _columns.Add(new Column(field, (rows, writer) => writer.WriteAsync<DateTime>(field, rows.Select(r => value(r)?.UtcDateTime).ToArray())));
        return this;
    }

    public ParquetTable<TRow> Date(string name, Func<TRow, DateOnly?> value)
    {
        var field = new DataField<DateOnly?>(name);
        _columns.Add(new Column(field, (rows, writer) => writer.WriteAsync<DateOnly>(field, rows.Select(value).ToArray())));
        return this;
    }

    /// <summary>Writes the rows as one Parquet file (one row group) and returns its bytes.</summary>
    public async Task<byte[]> WriteAsync(IReadOnlyList<TRow> rows, IEnumerable<(string Name, Func<TRow, string?> Value)>? extraStringColumns = null)
    {
        var columns = _columns.ToList();
        foreach (var (name, value) in extraStringColumns ?? [])
        {
            var field = new DataField<string>(name, true);
            columns.Add(new Column(field, (rs, writer) => writer.WriteAsync(field, rs.Select(value).ToArray())));
        }

        using var buffer = new MemoryStream();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray()), buffer, options))
        {
            using var group = writer.CreateRowGroup();
            foreach (var column in columns)
            {
                await column.Write(rows, group);
            }
        }

        return buffer.ToArray();
    }

    private sealed record Column(DataField Field, Func<IReadOnlyList<TRow>, ParquetRowGroupWriter, Task> Write);
}
