using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// 10,000 dirty producer events through a real host into the lake (local folder and Azurite's Blob endpoint), read
/// back by DuckDB: complete, byte-identical Bronze, reconciled Silver, honest cleaning, a consistent SCD2 star schema
/// that holds no patient id (pseudonymous keys: the HMAC of Silver's ids under the configured secret), and logs that
/// hold none either.
/// </summary>
public sealed class LakeEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Seed = 2026;
    private const int EventCount = 10_000;

    [Theory]
    [InlineData("Local")]
    [InlineData("Blob")]
    public async Task Ten_thousand_dirty_events_land_complete_typed_deduplicated_and_reconciled(string backend)
    {
        var container = $"lake-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Lake:Backend"] = backend,
            ["Lake:FlushInterval"] = "00:00:01",
            ["Lake:GoldRefreshMaxInterval"] = "01:00:00",
        };
        if (backend == "Blob")
        {
            settings["Lake:BlobConnectionString"] = azurite.ConnectionString;
            settings["Lake:Container"] = container;
        }

        await using var host = await SiloHost.StartAsync($"lake-{Guid.NewGuid():N}", settings: settings);
        var lines = ProducerEvents.Dirty(Seed, EventCount);
        var oracle = new OccupancyOracle();
        foreach (var line in lines) oracle.Apply(line);
        await ProducerEvents.PostAsync(host, lines);

        var lake = host.Services.GetRequiredService<LakeWriter>();
        var job = host.Services.GetRequiredService<GoldRefreshJob>();
        var gold = host.Services.GetRequiredService<GoldStarSchemaBuilder>();
        await Eventually.ReturnsAsync(host.GetOccupiedAsync, o => oracle.Occupied().All(kv => o[kv.Key] == kv.Value), TimeSpan.FromSeconds(60), "board equals the file");
        await Eventually.ReturnsAsync(() => Task.FromResult(lake.Statistics), s => s.BronzeRows == EventCount, TimeSpan.FromSeconds(30), "every event in Bronze");
        await lake.AllWrittenAsync();
        await Eventually.ReturnsAsync(() => Task.FromResult(job.Refreshes), n => n >= 1, TimeSpan.FromSeconds(30), "Gold refreshed by itself (5-file rule)");
        await job.RefreshAsync(CancellationToken.None);

        var lakeCopy = await LocalCopyAsync(host, backend, container);
        using (var query = new LakeQuery(lakeCopy))
        {
            // Bronze: every event, byte for byte, in order.
            Assert.Equal(EventCount, query.Scalar<long>("SELECT count(*) FROM bronze"));
            var payloads = query.Rows("SELECT payload FROM bronze ORDER BY ingest_seq").Select(r => (string)r[0]!).ToArray();
            Assert.Equal(lines, payloads);
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM bronze WHERE payload_encoding <> 'utf8'"));

            // Silver + quarantine + dropped duplicates = Bronze, each Bronze row in exactly one of them.
            var silver = query.Scalar<long>("SELECT count(*) FROM silver");
            var quarantine = query.Scalar<long>("SELECT count(*) FROM quarantine");
            var duplicates = query.Scalar<long>("SELECT count(*) FROM dropped_duplicates");
            Assert.Equal(EventCount, silver + quarantine + duplicates);
            Assert.True(duplicates > 0 && quarantine > 0, "dirty data should produce duplicates and quarantine rows");
            Assert.Equal(0L, query.Scalar<long>("""
                SELECT count(*) FROM bronze b WHERE (SELECT count(*) FROM (
                    SELECT bronze_seq AS s FROM silver UNION ALL SELECT ingest_seq FROM quarantine UNION ALL SELECT bronze_seq FROM dropped_duplicates) x
                  WHERE x.s = b.ingest_seq) <> 1
                """));
            Assert.Equal(silver, gold.SilverRowsTotal);
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) - count(DISTINCT event_id) FROM silver"));
            Assert.Equal(oracle.Rejected, quarantine);
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM quarantine WHERE reason IS NULL OR payload IS NULL"));

            // Cleaning: no invented or impossible values.
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM silver WHERE age IS NOT NULL AND (age < 0 OR age > 120)"));
            Assert.True(query.Scalar<long>("SELECT count(*) FROM silver WHERE list_contains(string_split(dq_flags, ','), 'age_out_of_range')") > 0);
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM silver WHERE admission_time > event_time + INTERVAL 5 MINUTE"));
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM silver WHERE department NOT IN ('Emergency','Surgery','ICU','Pediatrics','Maternity','Oncology','Cardiology')"));
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM silver WHERE length_of_stay_hours < 0"));

            // SCD2: one current row per patient, validity intervals that do not overlap.
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM (SELECT patient_key FROM dim_patient GROUP BY patient_key HAVING sum(CASE WHEN is_current THEN 1 ELSE 0 END) <> 1)"));
            Assert.Equal(0L, query.Scalar<long>("""
                SELECT count(*) FROM (SELECT effective_from, lag(effective_to) OVER (PARTITION BY patient_key ORDER BY effective_from) AS previous_to FROM dim_patient)
                WHERE previous_to IS NULL AND effective_from IS NULL OR previous_to > effective_from
                """));
            Assert.True(query.Scalar<long>("SELECT count(*) FROM dim_patient WHERE NOT is_current") > 0, "patients change attributes, so history has versions");
            Assert.Equal(query.Scalar<long>("SELECT count(DISTINCT patient_id) FROM silver"), query.Scalar<long>("SELECT count(DISTINCT patient_key) FROM dim_patient"));

            // PHI: Gold knows patients and stays only by their keys, and no Gold value holds an id of the file.
            AssertGoldIsPseudonymous(query, lakeCopy, lines);

            // Facts: length of stay is discharge − admission; stays link to dimensions.
            Assert.Equal(0L, query.Scalar<long>("""
                SELECT count(*) FROM fact_admission WHERE length_of_stay_hours IS NOT NULL
                  AND abs(length_of_stay_hours - epoch(discharge_time - admission_time) / 3600.0) > 0.001
                """));
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM fact_admission f LEFT JOIN dim_department d USING (department_sk) WHERE d.department_sk IS NULL"));
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM fact_admission f LEFT JOIN dim_patient p USING (patient_sk) WHERE p.patient_sk IS NULL"));
            Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM fact_occupancy_hourly WHERE occupied < 0 OR occupancy_pct <> round(100.0 * occupied / capacity, 1)"));

            // Types: timestamps are TIMESTAMP, numbers are numbers, in every table.
            foreach (var view in LakeQuery.Tables.Keys)
            {
                var columns = query.Describe(view);
                foreach (var (column, type) in columns)
                {
                    if (column.EndsWith("_time", StringComparison.Ordinal) || column.EndsWith("_at", StringComparison.Ordinal) || column is "effective_from" or "effective_to" or "hour")
                        Assert.True(type.StartsWith("TIMESTAMP", StringComparison.Ordinal), $"{view}.{column} is {type}");
                    if (column is "age" or "hospital_id" or "ingest_seq" or "occupied" or "capacity" or "staffed_beds" or "transfers_count" or "patient_sk" or "department_sk" or "rows" or "date_key")
                        Assert.True(type is "INTEGER" or "BIGINT", $"{view}.{column} is {type}");
                    if (column is "length_of_stay_hours" or "occupancy_pct")
                        Assert.Equal("DOUBLE", type);
                }
            }

            // Gold's currently admitted patients are the live board's.
            var goldOccupied = query.Rows("SELECT hospital_id, current_department, count(*) FROM fact_admission WHERE is_currently_admitted GROUP BY ALL")
                .ToDictionary(r => $"{r[0]}/{r[1]}", r => Convert.ToInt32(r[2]));
            var board = await host.GetOccupiedAsync();
            Assert.All(board, kv => Assert.Equal(kv.Value, goldOccupied.GetValueOrDefault(kv.Key)));

            // Quality: the daily reconciliation balances.
            Assert.Equal(0L, query.Scalar<long>("SELECT coalesce(sum(rows), 0)::BIGINT FROM quality_daily WHERE scope = 'reconciliation' AND key = 'unaccounted'"));
            Assert.Equal(EventCount, query.Scalar<long>("SELECT sum(rows)::BIGINT FROM quality_daily WHERE scope = 'reconciliation' AND key = 'bronze_rows'"));
        }

        // A second refresh keeps every dimension key and leaves untouched fact partitions alone. The new events include
        // the original pipeline's legacy shape (uuid patient ids), in June, so they touch no partition written before.
        var copyBefore = await LocalCopyAsync(host, backend, container);
        var firstPartitionBefore = FirstAdmissionPartition(copyBefore);
        var more = ProducerEvents.Dirty(Seed, 50, skip: EventCount).Concat(ProducerEvents.Legacy(Seed, 60, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))).ToArray();
        Assert.Contains(more, l => l.Contains("\"patient_id\":\"", StringComparison.Ordinal) && !l.Contains("\"event_id\"", StringComparison.Ordinal));
        await ProducerEvents.PostAsync(host, more);
        await lake.FlushAppliedAsync();
        await job.RefreshAsync(CancellationToken.None);
        var copyAfter = await LocalCopyAsync(host, backend, container);
        var everything = lines.Concat(more).ToArray();
        using (var before = new LakeQuery(copyBefore))
        using (var after = new LakeQuery(copyAfter))
        {
            const string keys = "SELECT department_sk, hospital_id, department FROM dim_department ORDER BY department_sk";
            Assert.Equal(before.Rows(keys).Select(r => string.Join('|', r)), after.Rows(keys).Select(r => string.Join('|', r)));
            const string patients = "SELECT patient_sk, patient_key, effective_from FROM dim_patient";
            Assert.Empty(before.Rows(patients).Select(r => string.Join('|', r)).Except(after.Rows(patients).Select(r => string.Join('|', r))));
            Assert.True(after.Scalar<long>("SELECT count(*) FROM silver WHERE event_shape = 'legacy'") > 0, "legacy events reached Silver");
            AssertGoldIsPseudonymous(after, copyAfter, everything);
        }

        if (backend == "Local")
        {
            Assert.Equal(firstPartitionBefore.LastWrite, File.GetLastWriteTimeUtc(Path.Combine(host.LakePath, firstPartitionBefore.Relative)));
        }

        // Logs: the host logged the quarantined items and the anomalies of the dirty data (at Information, captured whatever
        // the console shows), and not one patient id.
        var logged = host.Logs.Lines;
        Assert.Contains(logged, l => l.Contains(" rejected", StringComparison.Ordinal) && l.Contains("Ingest http", StringComparison.Ordinal));
        Assert.Contains(logged, l => l.Contains("occupancy anomalies", StringComparison.Ordinal));
        Assert.Contains(logged, l => l.Contains("Gold refresh:", StringComparison.Ordinal));
        PhiScan.AssertNoPatientIds(logged, everything, $"the host's logs ({host.Logs.FilePath})");
    }

    /// <summary>
    /// Gold holds no source identifier: dim_patient's keys are exactly the HMAC-SHA256 (computed here, with the configured
    /// secret) of Silver's patient ids, fact_admission's stay keys the HMAC of Silver's event ids, and no text value or
    /// file of any Gold table contains a patient id of <paramref name="events"/>.
    /// </summary>
    private static void AssertGoldIsPseudonymous(LakeQuery query, string lakeRoot, IReadOnlyList<string> events)
    {
        var expectedKeys = query.Rows("SELECT DISTINCT patient_id FROM silver").Select(r => TestPatientKeys.Of((string)r[0]!)).Order(StringComparer.Ordinal).ToArray();
        var goldKeys = query.Rows("SELECT DISTINCT patient_key FROM dim_patient").Select(r => (string)r[0]!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedKeys, goldKeys);
        Assert.All(goldKeys, k => Assert.Matches("^[0-9a-f]{64}$", k));
        var silverStays = query.Rows("SELECT hospital_id, event_id FROM silver").Select(r => TestPatientKeys.StayOf(Convert.ToInt32(r[0]), (string)r[1]!)).ToHashSet(StringComparer.Ordinal);
        var goldStays = query.Rows("SELECT stay_key FROM fact_admission").Select(r => (string)r[0]!).ToArray();
        Assert.NotEmpty(goldStays);
        Assert.DoesNotContain(goldStays, k => !silverStays.Contains(k));

        // Every Gold folder is a table scanned here: a new Gold table cannot escape the scan.
        var gold = Path.Combine(lakeRoot, "gold");
        var tables = LakeQuery.Tables.Where(t => t.Value.StartsWith("gold/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(tables.Select(t => t.Value["gold/".Length..]).Order(StringComparer.Ordinal), Directory.GetDirectories(gold).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var texts = tables.SelectMany(t => query.TextValues(t.Key))
            .Concat(Directory.EnumerateFiles(gold, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(lakeRoot, f)))
            .Concat(Directory.EnumerateFiles(gold, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText))
            .ToList();
        Assert.Contains(texts, t => t.StartsWith("H1-", StringComparison.Ordinal));
        PhiScan.AssertNoPatientIds(texts, events, "Gold");
    }

    private async Task<string> LocalCopyAsync(SiloHost host, string backend, string container) =>
        backend == "Local" ? host.LakePath : await LakeDownload.ToLocalFolderAsync(azurite.ConnectionString, container);

    private static (string Relative, DateTime LastWrite) FirstAdmissionPartition(string lakeRoot)
    {
        var file = Directory.EnumerateFiles(Path.Combine(lakeRoot, "gold", "fact_admission"), "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        return (Path.GetRelativePath(lakeRoot, file), File.GetLastWriteTimeUtc(file));
    }
}
