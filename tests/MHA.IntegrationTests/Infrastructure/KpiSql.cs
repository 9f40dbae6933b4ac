using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>A column of a Synapse view's <c>WITH (...)</c> list: name, T-SQL type and collation (null when none).</summary>
public sealed record SynapseColumn(string Name, string SqlType, string? Collation);

/// <summary>
/// One view of <c>deploy/synapse/10_views.sql</c>: its schema-qualified name, the OPENROWSET <c>BULK</c> path,
/// the column read from the partition folder with <c>r.filepath(1)</c> (if any), and the explicit column list.
/// </summary>
public sealed record SynapseView(string Schema, string Name, string BulkPath, string? PartitionColumn, IReadOnlyList<SynapseColumn> Columns)
{
    public string QualifiedName => $"{Schema}.{Name}";
}

/// <summary>
/// The Synapse SQL files of <c>deploy/synapse</c> read by tests, and DuckDB over a local lake with one view per
/// Synapse view, under the same schema-qualified name and reading the same BULK path, so the KPI bodies of
/// <c>deploy/synapse/kpi/*.sql</c> run unchanged.
/// </summary>
public sealed partial class KpiSql : IDisposable
{
    private readonly DuckDBConnection _connection;

    public KpiSql(string lakeRoot, IEnumerable<SynapseView> views)
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        foreach (var schema in views.Select(v => v.Schema).Distinct(StringComparer.Ordinal))
        {
            Execute($"CREATE SCHEMA {schema}");
        }

        foreach (var view in views)
        {
            var glob = Path.Combine(lakeRoot, view.BulkPath).Replace('\\', '/');
            Execute($"CREATE VIEW {view.QualifiedName} AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true, union_by_name = true)");
        }
    }

    public static string Folder => Path.Combine(RepositoryPaths.Root, "deploy", "synapse");

    /// <summary>The KPI bodies: file name without extension → SQL text.</summary>
    public static IReadOnlyDictionary<string, string> KpiBodies() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "kpi"), "*.sql").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Normalize(File.ReadAllText(f)), StringComparer.Ordinal);

    public static string ReadScript(string name) => Normalize(File.ReadAllText(Path.Combine(Folder, name)));

    /// <summary>Parses the views of a Synapse script (batches separated by <c>GO</c>).</summary>
    public static IReadOnlyList<SynapseView> ParseViews(string script)
    {
        var views = new List<SynapseView>();
        foreach (var batch in GoSeparator().Split(StripComments(script)))
        {
            var header = ViewHeader().Match(batch);
            if (!header.Success) continue;
            var bulk = BulkPath().Match(batch);
            if (!bulk.Success) throw new FormatException($"{header.Groups[1].Value}.{header.Groups[2].Value}: no BULK path");
            var partition = FilePathColumn().Match(batch);
            var withList = WithList().Match(batch, bulk.Index);
            if (!withList.Success) throw new FormatException($"{header.Groups[1].Value}.{header.Groups[2].Value}: no WITH list");
            var columns = SplitTopLevel(BalancedFrom(batch, withList.Index + withList.Length - 1))
                .Select(c => c.Trim()).Where(c => c.Length > 0).Select(ParseColumn).ToArray();
            views.Add(new SynapseView(header.Groups[1].Value, header.Groups[2].Value, bulk.Groups[1].Value,
                partition.Success ? partition.Groups[1].Value : null, columns));
        }

        return views;
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Rows of a query as column name → value (numbers as double, others as DuckDB returns them).</summary>
    public List<Dictionary<string, object?>> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Simplify(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    public double Number(string sql) => Convert.ToDouble(Query(sql).Single().Values.Single(), CultureInfo.InvariantCulture);

    /// <summary>Column name → DuckDB type of a relation.</summary>
    public Dictionary<string, string> Describe(string relation) =>
        Query($"DESCRIBE {relation}").ToDictionary(r => (string)r["column_name"]!, r => (string)r["column_type"]!, StringComparer.Ordinal);

    public void Dispose() => _connection.Dispose();

    private static object Simplify(object value) => value switch
    {
        BigInteger big => (double)big,
        decimal d => (double)d,
        long or int or short or sbyte or byte or ulong or uint or ushort or float => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static SynapseColumn ParseColumn(string definition)
    {
        var match = ColumnDefinition().Match(definition);
        if (!match.Success) throw new FormatException($"Unreadable column definition: {definition}");
        return new SynapseColumn(match.Groups[1].Value, match.Groups[2].Value.ToLowerInvariant(),
            match.Groups[3].Success ? match.Groups[3].Value : null);
    }

    /// <summary>The text inside the parenthesis opening at <paramref name="open"/>, up to its matching close.</summary>
    private static string BalancedFrom(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return text[(open + 1)..i];
        }

        throw new FormatException("Unbalanced parentheses in a WITH list.");
    }

    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == '(') depth++;
            else if (list[i] == ')') depth--;
            else if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i];
                start = i + 1;
            }
        }

        yield return list[start..];
    }

    private static string StripComments(string text) => LineComment().Replace(text, "");

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline)]
    private static partial Regex GoSeparator();

    [GeneratedRegex(@"CREATE\s+OR\s+ALTER\s+VIEW\s+(\w+)\.(\w+)\s+AS", RegexOptions.IgnoreCase)]
    private static partial Regex ViewHeader();

    [GeneratedRegex(@"BULK\s+'([^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex BulkPath();

    [GeneratedRegex(@"r\.filepath\(1\)\s+AS\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex FilePathColumn();

    [GeneratedRegex(@"\)\s*WITH\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex WithList();

    [GeneratedRegex(@"^\[?(\w+)\]?\s+(\w+)(?:\s*\(\s*(?:\d+|max)(?:\s*,\s*\d+)?\s*\))?(?:\s+COLLATE\s+(\w+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnDefinition();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();
}
