using System.Text.RegularExpressions;
using MHA.Grains.Audit;
using MHA.Grains.Lake;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// The Synapse serverless layer (<c>deploy/synapse</c>) against a real lake: 10,000 dirty producer events through a
/// real host, flushed and refreshed into Gold, then read by DuckDB through views named and pathed exactly as the
/// Synapse views. Every KPI body of <c>deploy/synapse/kpi</c> runs unchanged and returns plausible numbers; the
/// Synapse views' explicit column lists match the Parquet files; 20_kpis.sql carries each body verbatim.
/// </summary>
public sealed class SynapseKpiQueryTests(SynapseKpiQueryTests.LakeFixture lake) : IClassFixture<SynapseKpiQueryTests.LakeFixture>
{
    private const int Seed = 2026;
    private const int EventCount = 10_000;

    /// <summary>Typical stays in hours (docs: domain notes), independent of the VALUES tables in the KPI bodies.</summary>
    private static readonly Dictionary<string, double> TypicalStayHours = new(StringComparer.Ordinal)
    {
        ["Emergency"] = 6, ["Surgery"] = 48, ["ICU"] = 72, ["Pediatrics"] = 36, ["Maternity"] = 48, ["Oncology"] = 96, ["Cardiology"] = 60,
    };

    /// <summary>The KPI files this class asserts on; a new file without assertions fails <see cref="Every_kpi_body_runs_in_DuckDB_and_returns_rows"/>.</summary>
    private static readonly string[] CheckedKpis =
    [
        "occupancy_department_latest", "occupancy_hospital_latest", "occupancy_department_daily", "occupancy_hospital_daily",
        "alos_by_department", "admissions_by_gender", "admissions_by_age_band", "overstays", "overstays_by_department",
        "admission_trend_daily", "department_bottlenecks",
    ];

    private const string Discharged = "end_reason = 'discharge' AND length_of_stay_hours IS NOT NULL";

    private KpiSql Sql => lake.Sql;

    [Fact]
    public void Synapse_views_cover_every_lake_table()
    {
        Assert.Equal(
            ["audit.audit_log", "bronze.adt_events", "gold.dim_date", "gold.dim_department", "gold.dim_patient", "gold.fact_admission", "gold.fact_occupancy_hourly",
             "quality.daily_reports", "quality.refresh_reports", "silver.adt_events", "silver.dropped_duplicates", "silver.quarantine"],
            lake.Views.Select(v => v.QualifiedName).Order(StringComparer.Ordinal));
        foreach (var view in lake.Views)
        {
            Assert.True(Sql.Number($"SELECT count(*) FROM {view.QualifiedName}") > 0, $"{view.QualifiedName}: its BULK path '{view.BulkPath}' reads no rows");
        }

        // Through the views, the lake reconciles: Bronze = Silver + quarantine + dropped duplicates.
        Assert.Equal(EventCount, Sql.Number("SELECT count(*) FROM bronze.adt_events"));
        Assert.Equal(EventCount, Sql.Number("SELECT (SELECT count(*) FROM silver.adt_events) + (SELECT count(*) FROM silver.quarantine) + (SELECT count(*) FROM silver.dropped_duplicates)"));
        Assert.Equal(0, Sql.Number("SELECT coalesce(sum(\"rows\"), 0) FROM quality.daily_reports WHERE scope = 'reconciliation' AND \"key\" = 'unaccounted'"));
    }

    [Fact]
    public void Synapse_view_columns_exist_in_the_Parquet_files_with_compatible_types()
    {
        foreach (var view in lake.Views)
        {
            var actual = Sql.Describe(view.QualifiedName);
            foreach (var column in view.Columns)
            {
                Assert.True(actual.TryGetValue(column.Name, out var duckType), $"{view.QualifiedName}.{column.Name} is not a column of the files under {view.BulkPath}");
                Assert.True(Compatible(column.SqlType, duckType), $"{view.QualifiedName}.{column.Name}: Synapse {column.SqlType} does not read Parquet {duckType}");
                if (column.SqlType is "varchar" or "nvarchar" or "char")
                    Assert.Equal("Latin1_General_100_BIN2_UTF8", column.Collation);
                else
                    Assert.Null(column.Collation);
            }

            Assert.Equal(view.Columns.Count, view.Columns.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());

            // Partitioned tables expose their folder value under the folder's key, for pruning with filepath().
            var folderKey = Regex.Match(view.BulkPath, @"(\w+)=\*");
            Assert.Equal(folderKey.Success ? folderKey.Groups[1].Value : null, view.PartitionColumn);
            if (view.PartitionColumn is { } partition)
            {
                Assert.True(actual.ContainsKey(partition), $"{view.QualifiedName}: no partition column {partition}");
                Assert.DoesNotContain(view.Columns, c => c.Name == partition);
            }

            // Every column of the files is in the view (a new Silver attribute needs a line in 10_views.sql).
            var listed = view.Columns.Select(c => c.Name).Append(view.PartitionColumn).ToHashSet(StringComparer.Ordinal);
            var missing = actual.Keys.Where(c => !listed.Contains(c)).ToArray();
            Assert.True(missing.Length == 0, $"{view.QualifiedName} does not list {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Timestamp_predicates_see_every_row()
    {
        Assert.Equal(Sql.Number("SELECT count(*) FROM silver.adt_events"), Sql.Number("SELECT count(*) FROM silver.adt_events WHERE event_time > TIMESTAMP '2000-01-01 00:00:00'"));
        Assert.Equal(Sql.Number("SELECT count(*) FROM gold.fact_occupancy_hourly"), Sql.Number("SELECT count(*) FROM gold.fact_occupancy_hourly WHERE hour > TIMESTAMP '2000-01-01 00:00:00'"));
    }

    [Fact]
    public void Kpi_bodies_read_only_gold_views_in_a_portable_subset()
    {
        var goldViews = lake.Views.Where(v => v.Schema == "gold").Select(v => v.QualifiedName).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, body) in KpiSql.KpiBodies())
        {
            var code = Regex.Replace(body, "--[^\n]*", "");
            var relations = Regex.Matches(code, @"\b(?:FROM|JOIN)\s+(\w+\.\w+)", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value).ToArray();
            Assert.NotEmpty(relations);
            Assert.All(relations, r => Assert.True(goldViews.Contains(r), $"{name} reads {r}, not a gold view"));
            foreach (var dialectOnly in new[] { "OPENROWSET", "LIMIT ", "TOP ", "::", "QUALIFY", "GROUP BY ALL", "ILIKE", "DATEDIFF", "DATE_DIFF", "EPOCH(", "GETDATE", "GETUTCDATE", "NOW(", "PERCENTILE_", "ISNULL(", "IIF(", "[", "\"", ";" })
            {
                Assert.False(code.Contains(dialectOnly, StringComparison.OrdinalIgnoreCase), $"{name} uses {dialectOnly.Trim()}, which is not in the portable subset");
            }

            Assert.DoesNotMatch(new Regex(@"\)\s*ORDER\s+BY|^ORDER\s+BY", RegexOptions.IgnoreCase | RegexOptions.Multiline), code);
        }
    }

    [Fact]
    public void Twenty_kpis_creates_one_view_per_body_verbatim()
    {
        var script = KpiSql.ReadScript("20_kpis.sql");
        var bodies = KpiSql.KpiBodies();
        foreach (var (name, body) in bodies)
        {
            Assert.Contains($"CREATE OR ALTER VIEW kpi.{name} AS\n{body}GO\n", script, StringComparison.Ordinal);
        }

        var created = Regex.Matches(script, @"CREATE\s+OR\s+ALTER\s+VIEW\s+kpi\.(\w+)", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value);
        Assert.Equal(bodies.Keys.Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_kpi_body_runs_in_DuckDB_and_returns_rows()
    {
        var bodies = KpiSql.KpiBodies();
        Assert.Equal(CheckedKpis.Order(StringComparer.Ordinal), bodies.Keys.Order(StringComparer.Ordinal));
        foreach (var name in bodies.Keys)
        {
            Assert.True(Sql.Query($"SELECT * FROM kpi.{name}").Count > 0, $"kpi.{name} returned no rows");
        }
    }

    [Fact]
    public void Latest_occupancy_per_department_is_the_last_hour_against_staffed_beds()
    {
        var rows = Sql.Query("SELECT * FROM kpi.occupancy_department_latest");
        Assert.Equal(Sql.Number("SELECT count(*) FROM gold.dim_department WHERE effective_to IS NULL"), rows.Count);
        var expected = Sql.Query("SELECT hospital_id, department, arg_max(occupied, hour) AS occupied, max(hour) AS hour FROM gold.fact_occupancy_hourly GROUP BY hospital_id, department")
            .ToDictionary(r => $"{r["hospital_id"]}/{r["department"]}");
        foreach (var row in rows)
        {
            var key = $"{row["hospital_id"]}/{row["department"]}";
            var occupied = D(row["occupied"]);
            var capacity = D(row["capacity"]);
            var pct = D(row["occupancy_pct"]);
            Assert.Equal(D(expected[key]["occupied"]), occupied);
            Assert.Equal(expected[key]["hour"], row["as_of_hour"]);
            Assert.NotNull(row["hospital_name"]);
            Assert.True(capacity > 0 && occupied >= 0, key);
            Assert.InRange(pct, 0, 150);
            Assert.Equal(Math.Round(100 * occupied / capacity, 1), pct, 6);
            var band = pct >= 92 ? "above_planning_cap" : pct >= 90 ? "regular_shortages" : pct >= 85 ? "at_risk" : "normal";
            Assert.Equal(band, row["occupancy_band"]);
        }
    }

    [Fact]
    public void Hospital_occupancy_is_the_sum_of_its_departments()
    {
        var departments = Sql.Query("SELECT * FROM kpi.occupancy_department_latest");
        var hospitals = Sql.Query("SELECT * FROM kpi.occupancy_hospital_latest");
        Assert.Equal(departments.Select(d => d["hospital_id"]).Distinct().Count(), hospitals.Count);
        foreach (var hospital in hospitals)
        {
            var mine = departments.Where(d => Equals(d["hospital_id"], hospital["hospital_id"])).ToArray();
            Assert.Equal(mine.Length, D(hospital["departments"]));
            Assert.Equal(mine.Sum(d => D(d["occupied"])), D(hospital["occupied"]));
            Assert.Equal(mine.Sum(d => D(d["capacity"])), D(hospital["capacity"]));
            Assert.Equal(mine.Count(d => D(d["occupancy_pct"]) >= 85), D(hospital["departments_at_or_above_85"]));
            Assert.Equal(Math.Round(100 * D(hospital["occupied"]) / D(hospital["capacity"]), 1), D(hospital["occupancy_pct"]), 6);
            Assert.InRange(D(hospital["occupancy_pct"]), 0, 150);
        }

        var daily = Sql.Query("SELECT * FROM kpi.occupancy_department_daily");
        var hospitalDaily = Sql.Query("SELECT * FROM kpi.occupancy_hospital_daily");
        Assert.Equal(Sql.Number("SELECT count(DISTINCT CAST(hour AS DATE)) FROM gold.fact_occupancy_hourly") * hospitals.Count, hospitalDaily.Count);
        var byHospitalDay = daily.GroupBy(d => $"{d["hospital_id"]}/{d["occupancy_date"]}").ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var day in hospitalDaily)
        {
            var mine = byHospitalDay[$"{day["hospital_id"]}/{day["occupancy_date"]}"];
            Assert.Equal(mine.Sum(d => D(d["occupied_bed_hours"])), D(day["occupied_bed_hours"]));
            Assert.Equal(mine.Sum(d => D(d["staffed_bed_hours"])), D(day["staffed_bed_hours"]));
            Assert.Equal(mine.Sum(d => D(d["admissions"])), D(day["admissions"]));
            Assert.Equal(mine.Sum(d => D(d["discharges"])), D(day["discharges"]));
            Assert.InRange(D(day["avg_occupancy_pct"]), 0, 150);
            Assert.InRange(D(day["hours_observed"]), 1, 24);
        }

        foreach (var day in daily)
        {
            Assert.InRange(D(day["hours_observed"]), 1, 24);
            Assert.InRange(D(day["avg_occupancy_pct"]), 0, 150);
            Assert.True(D(day["avg_occupancy_pct"]) <= D(day["peak_occupancy_pct"]) + 0.05);
        }

        Assert.Equal(Sql.Number("SELECT sum(admissions) FROM gold.fact_occupancy_hourly"), daily.Sum(d => D(d["admissions"])));
        Assert.Contains(daily, d => D(d["avg_occupancy_pct"]) > 0);
    }

    [Fact]
    public void Alos_by_department_matches_total_days_over_discharges_with_exact_percentiles()
    {
        var rows = Sql.Query("SELECT * FROM kpi.alos_by_department");
        var expected = Sql.Query($"""
            SELECT current_department AS department, count(*) AS discharges, avg(length_of_stay_hours) AS alos,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY length_of_stay_hours) AS median,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY length_of_stay_hours) AS p90
            FROM gold.fact_admission WHERE {Discharged} GROUP BY current_department
            """).ToDictionary(r => (string)r["department"]!);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Select(r => (string)r["department"]!).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var e = expected[(string)row["department"]!];
            Assert.Equal(D(e["discharges"]), D(row["discharges"]));
            Assert.True(D(row["alos_hours"]) > 0);
            Assert.Equal(D(e["alos"]), D(row["alos_hours"]), 6);
            Assert.Equal(D(row["total_stay_hours"]) / D(row["discharges"]), D(row["alos_hours"]), 6);
            Assert.Equal(D(row["alos_hours"]) / 24, D(row["alos_days"]), 6);
            Assert.Equal(D(e["median"]), D(row["median_stay_hours"]), 6);
            Assert.Equal(D(e["p90"]), D(row["p90_stay_hours"]), 6);
            Assert.True(D(row["median_stay_hours"]) > 0 && D(row["median_stay_hours"]) <= D(row["p90_stay_hours"]));
        }

        Assert.Equal(Sql.Number($"SELECT count(*) FROM gold.fact_admission WHERE {Discharged}"), rows.Sum(r => D(r["discharges"])));
    }

    [Theory]
    [InlineData("gender")]
    [InlineData("age_band")]
    public void Admissions_and_alos_by_patient_attribute_account_for_every_stay(string attribute)
    {
        var rows = Sql.Query($"SELECT * FROM kpi.admissions_by_{attribute}");
        Assert.Equal(Sql.Number("SELECT count(*) FROM gold.fact_admission"), rows.Sum(r => D(r["admissions"])));
        Assert.Equal(Sql.Number($"SELECT count(*) FROM gold.fact_admission WHERE {Discharged}"), rows.Sum(r => D(r["discharges"])));
        Assert.Equal(rows.Count, rows.Select(r => r[attribute]).Distinct().Count());
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r[attribute] as string)));
        Assert.True(rows.Count >= 2, $"several {attribute} groups expected");
        foreach (var row in rows)
        {
            Assert.True(D(row["discharges"]) <= D(row["admissions"]));
            if (D(row["discharges"]) > 0) Assert.True(D(row["alos_hours"]) > 0, $"{row[attribute]}: ALOS {row["alos_hours"]}");
        }

        // The groups' ALOS, weighted by discharges, is the overall ALOS.
        var overall = Sql.Number($"SELECT avg(length_of_stay_hours) FROM gold.fact_admission WHERE {Discharged}");
        var weighted = rows.Where(r => D(r["discharges"]) > 0).Sum(r => D(r["alos_hours"]) * D(r["discharges"])) / rows.Sum(r => D(r["discharges"]));
        Assert.Equal(overall, weighted, 6);

        if (attribute == "age_band")
        {
            Assert.All(rows, r => Assert.Contains((string)r["age_band"]!, new[] { "0-17", "18-34", "35-49", "50-64", "65-79", "80+", "Not recorded" }));
        }
    }

    [Fact]
    public void Overstays_are_the_discharged_stays_longer_than_twice_the_typical_stay()
    {
        var discharged = Sql.Query($"SELECT stay_key, current_department, length_of_stay_hours FROM gold.fact_admission WHERE {Discharged}");
        var expected = discharged.Where(s => D(s["length_of_stay_hours"]) > 2 * TypicalStayHours[(string)s["current_department"]!])
            .Select(s => (string)s["stay_key"]!).Order(StringComparer.Ordinal).ToArray();
        var overstays = Sql.Query("SELECT * FROM kpi.overstays");
        Assert.Equal(expected, overstays.Select(o => (string)o["stay_key"]!).Order(StringComparer.Ordinal));
        Assert.NotEmpty(overstays);
        foreach (var row in overstays)
        {
            Assert.Equal(TypicalStayHours[(string)row["department"]!], D(row["typical_stay_hours"]));
            Assert.True(D(row["stay_ratio"]) > 2);
            Assert.Equal(D(row["length_of_stay_hours"]) / D(row["typical_stay_hours"]), D(row["stay_ratio"]), 6);
        }

        var byDepartment = Sql.Query("SELECT * FROM kpi.overstays_by_department");
        Assert.Equal(TypicalStayHours.Keys.Order(StringComparer.Ordinal), byDepartment.Select(r => (string)r["department"]!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, byDepartment.Sum(r => D(r["overstays"])));
        Assert.Equal(discharged.Count, byDepartment.Sum(r => D(r["discharges"])));
        foreach (var row in byDepartment)
        {
            var department = (string)row["department"]!;
            Assert.Equal(overstays.Count(o => (string)o["department"]! == department), D(row["overstays"]));
            if (D(row["discharges"]) == 0) continue;
            Assert.InRange(D(row["overstay_share"]), 0, 1);
            Assert.Equal(D(row["overstays"]) / D(row["discharges"]), D(row["overstay_share"]), 6);
        }
    }

    [Fact]
    public void Admission_trend_counts_every_stay_once_on_its_admission_day()
    {
        var rows = Sql.Query("SELECT * FROM kpi.admission_trend_daily");
        Assert.Equal(Sql.Number("SELECT count(*) FROM gold.fact_admission"), rows.Sum(r => D(r["admissions"])));
        Assert.All(rows, r => Assert.True(D(r["admissions"]) >= 1));
        Assert.Equal(rows.Count, rows.Select(r => $"{r["date_key"]}/{r["hospital_id"]}/{r["department"]}").Distinct().Count());
        var perDay = Sql.Query("SELECT date_key, count(*) AS n FROM gold.fact_admission GROUP BY date_key").ToDictionary(r => D(r["date_key"]), r => D(r["n"]));
        foreach (var day in rows.GroupBy(r => D(r["date_key"])))
        {
            Assert.Equal(perDay[day.Key], day.Sum(r => D(r["admissions"])));
            var date = day.First()["admission_date"] switch
            {
                DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                DateTime t => t,
                var other => throw new Xunit.Sdk.XunitException($"admission_date is {other?.GetType().Name}"),
            };
            Assert.Equal(day.Key, date.Year * 10000 + date.Month * 100 + date.Day);
            Assert.Equal(date.DayOfWeek.ToString(), day.First()["day_name"]);
        }
    }

    [Fact]
    public void Bottlenecks_count_hours_at_or_above_the_thresholds()
    {
        var rows = Sql.Query("SELECT * FROM kpi.department_bottlenecks");
        Assert.Equal(Sql.Number("SELECT count(*) FROM gold.dim_department WHERE effective_to IS NULL"), rows.Count);
        var expected = Sql.Query("""
            SELECT hospital_id, department, count(*) AS hours, count(*) FILTER (WHERE occupancy_pct >= 85) AS h85
            FROM gold.fact_occupancy_hourly GROUP BY hospital_id, department
            """).ToDictionary(r => $"{r["hospital_id"]}/{r["department"]}");
        foreach (var row in rows)
        {
            var e = expected[$"{row["hospital_id"]}/{row["department"]}"];
            var hours = D(row["hours_observed"]);
            Assert.Equal(D(e["hours"]), hours);
            Assert.Equal(D(e["h85"]), D(row["hours_at_or_above_85"]));
            Assert.True(D(row["hours_at_or_above_92"]) <= D(row["hours_at_or_above_90"]) && D(row["hours_at_or_above_90"]) <= D(row["hours_at_or_above_85"]));
            Assert.InRange(D(row["share_hours_at_or_above_85"]), 0, 1);
            Assert.Equal(D(row["hours_at_or_above_85"]) / hours, D(row["share_hours_at_or_above_85"]), 6);
            Assert.InRange(D(row["avg_occupancy_pct"]), 0, 150);
            Assert.True(D(row["avg_occupancy_pct"]) <= D(row["peak_occupancy_pct"]) + 0.05);
        }

        Assert.Contains(rows, r => D(r["hours_at_or_above_85"]) > 0);
    }

    private static double D(object? value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether a Synapse WITH type reads a Parquet column of the given DuckDB type without conversion.</summary>
    private static bool Compatible(string sqlType, string duckType) => sqlType switch
    {
        "bigint" => duckType == "BIGINT",
        "int" => duckType == "INTEGER",
        "smallint" => duckType == "SMALLINT",
        "float" => duckType == "DOUBLE",
        "real" => duckType == "FLOAT",
        "bit" => duckType == "BOOLEAN",
        "date" => duckType == "DATE",
        "datetime2" => duckType is "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE",
        "varchar" or "nvarchar" or "char" => duckType == "VARCHAR",
        _ => false,
    };

    /// <summary>The lake built once for the class, and DuckDB over it with the Synapse views and the kpi views.</summary>
    public sealed class LakeFixture : IAsyncLifetime
    {
        private string? _root;

        public KpiSql Sql { get; private set; } = null!;

        public IReadOnlyList<SynapseView> Views { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            var settings = new Dictionary<string, string?>
            {
                ["Lake:Backend"] = "Local",
                ["Lake:FlushInterval"] = "00:00:01",
                ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
            };
            string lakePath;
            await using (var host = await SiloHost.StartAsync($"synapse-{Guid.NewGuid():N}", settings: settings))
            {
                lakePath = host.LakePath;
                await ProducerEvents.PostAsync(host, ProducerEvents.Dirty(Seed, EventCount));
                // The audit view needs rows too: one of every kind, through the host's own audit log.
                var audit = host.Services.GetRequiredService<AuditLog>();
                await audit.RecordAsync(new AuditRecord(DateTimeOffset.UtcNow, "nurse@mha.example", "ChargeNurse", AuditActions.ViewBeds, AuditOutcomes.Allowed, 1, "ICU",
                    "/api/occupancy/1/departments/ICU/beds", null));
                await audit.RecordAsync(new AuditRecord(DateTimeOffset.UtcNow, "admin@mha.example", "NetworkAdmin", AuditActions.ConfigChange, AuditOutcomes.Denied, null, null,
                    "landing/metadata/departments.json", "not applied"));
                var writer = host.Services.GetRequiredService<LakeWriter>();
                var job = host.Services.GetRequiredService<GoldRefreshJob>();
                await Eventually.ReturnsAsync(() => Task.FromResult(writer.Statistics), s => s.BronzeRows == EventCount && s.BufferedRows == 0,
                    TimeSpan.FromSeconds(60), "everything flushed");
                await writer.FlushAsync();
                Assert.NotNull(await job.RefreshAsync(CancellationToken.None));
            }

            _root = Path.GetDirectoryName(lakePath);
            Views = KpiSql.ParseViews(KpiSql.ReadScript("10_views.sql"));
            Sql = new KpiSql(lakePath, Views);
            Sql.Execute("CREATE SCHEMA kpi");
            foreach (var (name, body) in KpiSql.KpiBodies())
            {
                Sql.Execute($"CREATE VIEW kpi.{name} AS\n{body}");
            }
        }

        public ValueTask DisposeAsync()
        {
            Sql?.Dispose();
            if (_root is not null && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
