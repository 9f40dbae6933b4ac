using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using MHA.Grains.Catalog;

namespace MHA.Bench.Workload;

/// <summary>
/// The Gold star schema built by DuckDB (in-process) from Silver Parquet files with the reviewable SQL of
/// <c>Sql/gold-star-schema.sql</c>: the yardstick the Gold builder is measured against.
/// </summary>
public sealed class DuckDbStarSchema
{
    private const int HmacBlockBytes = 64;

    private DuckDbStarSchema(string script) => Script = script;

    /// <summary>The SQL with every placeholder filled in.</summary>
    public string Script { get; }

    public static string SqlPath => Path.Combine(AppContext.BaseDirectory, "Sql", "gold-star-schema.sql");

    /// <summary>
    /// The script for one lake: Silver files under <paramref name="silverFolder"/>, the catalog's departments written as
    /// CSV to <paramref name="departmentsCsv"/>, output to <paramref name="goldFolder"/>, keys under <paramref name="secret"/>.
    /// </summary>
    public static DuckDbStarSchema For(string silverFolder, HospitalCatalog catalog, string departmentsCsv, string goldFolder, byte[] secret)
    {
        WriteDepartments(catalog, departmentsCsv);
        var (inner, outer) = HmacPads(secret);
        var script = File.ReadAllText(SqlPath)
            .Replace("{{silver}}", Literal(Path.Combine(silverFolder, "*", "*.parquet")), StringComparison.Ordinal)
            .Replace("{{departments}}", Literal(departmentsCsv), StringComparison.Ordinal)
            .Replace("{{gold}}", Literal(goldFolder), StringComparison.Ordinal)
            .Replace("{{key_inner}}", inner, StringComparison.Ordinal)
            .Replace("{{key_outer}}", outer, StringComparison.Ordinal);
        // COPY writes a single file only into a folder that exists (partitioned tables make their own).
        foreach (var table in new[] { "dim_patient", "dim_department", "dim_date" }) Directory.CreateDirectory(Path.Combine(goldFolder, table));
        return new DuckDbStarSchema(script);
    }

    /// <summary>Runs the whole script in a new in-memory database; returns the number of threads DuckDB used.</summary>
    public int Run()
    {
        using var connection = Open();
        Execute(connection, Script);
        using var threads = connection.CreateCommand();
        threads.CommandText = "SELECT current_setting('threads')";
        return Convert.ToInt32(threads.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void WriteDepartments(HospitalCatalog catalog, string path)
    {
        var csv = new StringBuilder("hospital_id,hospital_name,department,department_code,capacity,staffed_beds\n");
        foreach (var d in catalog.AllDepartments)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{d.HospitalId},{Quoted(d.HospitalName)},{Quoted(d.Department)},{Quoted(d.Code)},{d.Capacity},{d.StaffedBeds}\n");
        }

        File.WriteAllText(path, csv.ToString());
    }

    /// <summary>The HMAC-SHA256 key pads (RFC 2104): the secret zero-padded to the block, XOR 0x36 and XOR 0x5c, as hex.</summary>
    private static (string Inner, string Outer) HmacPads(byte[] secret)
    {
        if (secret.Length > HmacBlockBytes) throw new ArgumentException("Secrets longer than the SHA-256 block are hashed first by HMAC; the bench uses 32 bytes.", nameof(secret));
        var inner = new byte[HmacBlockBytes];
        var outer = new byte[HmacBlockBytes];
        for (var i = 0; i < HmacBlockBytes; i++)
        {
            var b = i < secret.Length ? secret[i] : (byte)0;
            inner[i] = (byte)(b ^ 0x36);
            outer[i] = (byte)(b ^ 0x5c);
        }

        return (Convert.ToHexString(inner), Convert.ToHexString(outer));
    }

    private static string Quoted(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Literal(string path) => path.Replace('\\', '/').Replace("'", "''", StringComparison.Ordinal);
}
