using System.Globalization;
using DuckDB.NET.Data;
using MHA.Grains.Lake.Gold;

namespace MHA.Bench.Workload;

/// <summary>
/// Two Gold star schemas side by side, read back with DuckDB: rows per table, and how many rows of the builder's
/// fact_admission, dim_patient and fact_occupancy_hourly the other has with the same values (stays and patients matched
/// by their HMAC keys, hours by department and hour).
/// </summary>
public sealed record GoldComparison(IReadOnlyList<GoldComparison.TableRows> Tables, long SameStays, long SamePatientVersions, long SameOccupancyHours)
{
    public static readonly IReadOnlyList<string> TableNames = ["dim_patient", "dim_department", "dim_date", "fact_admission", "fact_occupancy_hourly"];

    /// <summary>Rows of one table in each schema.</summary>
    public sealed record TableRows(string Table, long Builder, long DuckDb);

    public TableRows this[string table] => Tables.First(t => t.Table == table);

    /// <param name="builderGold">The lake's <c>gold/</c> folder, as <see cref="GoldStarSchemaBuilder"/> wrote it.</param>
    /// <param name="duckDbGold">The folder the DuckDB script wrote its tables to.</param>
    public static GoldComparison Of(string builderGold, string duckDbGold)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "SET TimeZone = 'UTC'");
        foreach (var table in TableNames)
        {
            Execute(connection, $"CREATE VIEW b_{table} AS SELECT * FROM read_parquet('{Glob(builderGold, table)}')");
            Execute(connection, $"CREATE VIEW d_{table} AS SELECT * FROM read_parquet('{Glob(duckDbGold, table)}')");
        }

        var tables = TableNames.Select(t => new TableRows(t, Count(connection, $"SELECT count(*) FROM b_{t}"), Count(connection, $"SELECT count(*) FROM d_{t}"))).ToArray();
        var stays = Count(connection, """
            SELECT count(*) FROM b_fact_admission b JOIN d_fact_admission d USING (stay_key)
            WHERE b.hospital_id = d.hospital_id AND b.date_key = d.date_key AND b.admission_department = d.admission_department
              AND b.current_department = d.current_department AND b.bed_id = d.bed_id AND b.admission_time = d.admission_time
              AND b.discharge_time IS NOT DISTINCT FROM d.discharge_time AND b.is_currently_admitted = d.is_currently_admitted
              AND b.transfers_count = d.transfers_count AND b.end_reason IS NOT DISTINCT FROM d.end_reason
              AND coalesce(abs(b.length_of_stay_hours - d.length_of_stay_hours), 0) < 0.001
              AND (b.length_of_stay_hours IS NULL) = (d.length_of_stay_hours IS NULL)
            """);
        var patients = Count(connection, """
            SELECT count(*) FROM b_dim_patient b JOIN d_dim_patient d USING (patient_key, version)
            WHERE b.effective_from = d.effective_from AND b.effective_to IS NOT DISTINCT FROM d.effective_to AND b.is_current = d.is_current
              AND b.gender IS NOT DISTINCT FROM d.gender AND b.age IS NOT DISTINCT FROM d.age AND b.age_band IS NOT DISTINCT FROM d.age_band
              AND b.insurance_type IS NOT DISTINCT FROM d.insurance_type
            """);
        var hours = Count(connection, """
            SELECT count(*) FROM b_fact_occupancy_hourly b JOIN d_fact_occupancy_hourly d USING (hospital_id, department, hour)
            WHERE b.occupied = d.occupied AND b.capacity = d.capacity AND b.occupancy_pct = d.occupancy_pct
              AND b.admissions = d.admissions AND b.discharges = d.discharges
            """);
        return new GoldComparison(tables, stays, patients, hours);
    }

    /// <summary>One line for the report: rows per table (builder / DuckDB) and the rows that agree.</summary>
    public string Summary() =>
        string.Join(", ", Tables.Select(t => $"{t.Table} {t.Builder:#,0}/{t.DuckDb:#,0}")) +
        $"; identical: {SameStays:#,0} stays, {SamePatientVersions:#,0} patient versions, {SameOccupancyHours:#,0} occupancy hours";

    private static string Glob(string folder, string table) =>
        Path.Combine(folder, table, "**", "*.parquet").Replace('\\', '/').Replace("'", "''", StringComparison.Ordinal);

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
