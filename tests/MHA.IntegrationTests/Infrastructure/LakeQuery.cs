using System.Data.Common;
using DuckDB.NET.Data;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// DuckDB, an engine independent of the writer, over a local copy of the lake: one view per table
/// (<c>bronze</c>, <c>silver</c>, <c>quarantine</c>, <c>dropped_duplicates</c>, <c>dim_patient</c>, <c>dim_department</c>,
/// <c>dim_date</c>, <c>fact_admission</c>, <c>fact_occupancy_hourly</c>, <c>quality_daily</c>, <c>quality_refresh</c>),
/// reading every file of the table with hive partitioning and <c>union_by_name</c>.
/// </summary>
public sealed class LakeQuery : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        ["bronze"] = "bronze/adt_events",
        ["silver"] = "silver/adt_events",
        ["quarantine"] = "silver/quarantine",
        ["dropped_duplicates"] = "silver/dropped_duplicates",
        ["dim_patient"] = "gold/dim_patient",
        ["dim_department"] = "gold/dim_department",
        ["dim_date"] = "gold/dim_date",
        ["fact_admission"] = "gold/fact_admission",
        ["fact_occupancy_hourly"] = "gold/fact_occupancy_hourly",
        ["quality_daily"] = "quality/daily_reports",
        ["quality_refresh"] = "quality/refresh_reports",
    };

    private readonly DuckDBConnection _connection;

    public LakeQuery(string lakeRoot)
        : this()
    {
        foreach (var (view, folder) in Tables)
        {
            var path = Path.Combine(lakeRoot, folder);
            if (!Directory.Exists(path) || !Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories).Any()) continue;
            Execute($"CREATE VIEW {view} AS SELECT * FROM read_parquet('{path}/**/*.parquet', hive_partitioning = true, union_by_name = true)");
        }
    }

    private LakeQuery()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<object?[]> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every distinct non-null value of every text column of a view (for scans of what a table holds).</summary>
    public IEnumerable<string> TextValues(string view)
    {
        foreach (var (column, type) in Describe(view))
        {
            if (type != "VARCHAR") continue;
            foreach (var row in Rows($"SELECT DISTINCT \"{column}\" FROM {view} WHERE \"{column}\" IS NOT NULL")) yield return (string)row[0]!;
        }
    }

    /// <summary>One text column of the given Parquet files (for files picked by the test rather than whole tables).</summary>
    public static List<string> TextColumn(IReadOnlyCollection<string> parquetFiles, string column)
    {
        using var query = new LakeQuery();
        var files = string.Join(", ", parquetFiles.Select(f => $"'{f.Replace("'", "''")}'"));
        return query.Rows($"SELECT \"{column}\" FROM read_parquet([{files}], union_by_name = true) WHERE \"{column}\" IS NOT NULL").Select(r => (string)r[0]!).ToList();
    }

    /// <summary>Column name → DuckDB type of a view.</summary>
    public Dictionary<string, string> Describe(string view) =>
        Rows($"DESCRIBE {view}").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    public void Dispose() => _connection.Dispose();
}
