using System.Net;
using MHA.Dashboard.Authorization;
using MHA.Grains.Lake;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests;

/// <summary>
/// Bed-level views leave audit rows: requests over HTTP with different tokens, then the lake's audit table read back by
/// DuckDB. Allowed views and refused attempts are both there, with who, role, hospital, department and when; patient ids never.
/// </summary>
public sealed class BedViewAuditTests
{
    [Fact]
    public async Task Every_bed_level_view_and_refused_attempt_is_an_audit_row_in_the_lake()
    {
        await using var host = await SiloHost.StartAsync($"bed-audit-{Guid.NewGuid():N}", settings: new Dictionary<string, string?>
        {
            // Durable behaviour: the row is committed before the beds are sent.
            ["Lake:CommitBeforeAcknowledge"] = "true",
            ["Lake:FlushInterval"] = "01:00:00",
        });
        await host.IngestAsync(TestEvents.Admission("bed-audit-1", "P-bed-audit-1", 1, "ICU", "H1-ICU-04"));
        await Eventually.ReturnsAsync(host.GetOccupiedAsync, o => o["1/ICU"] == 1, TimeSpan.FromSeconds(10), "the admission applied");
        var before = DateTimeOffset.UtcNow;

        var nurse = host.Tokens!.Issue(new("ChargeNurse", 1, "ICU", "nurse.jones"));
        var analyst = host.Tokens.Issue(new("Analyst", Name: "analyst.kim"));
        var manager = host.Tokens.Issue(new("HospitalManager", 1, Name: "manager.lee"));
        (string Token, string Path, HttpStatusCode Status)[] requests =
        [
            (nurse, "/api/occupancy/1/departments/ICU/beds", HttpStatusCode.OK),
            (nurse, "/api/occupancy/1/departments/Surgery/beds", HttpStatusCode.Forbidden),
            (analyst, "/api/occupancy/1/departments/ICU/beds", HttpStatusCode.Forbidden),
            (manager, "/api/occupancy/1/departments/surgery/beds", HttpStatusCode.OK),
        ];
        foreach (var (token, path, status) in requests)
        {
            using var client = host.ClientFor(token);
            using var response = await client.GetAsync(path);
            Assert.Equal(status, response.StatusCode);
            if (status == HttpStatusCode.OK && path.Contains("ICU", StringComparison.Ordinal))
            {
                Assert.Contains("P-bed-audit-1", await response.Content.ReadAsStringAsync());
            }
        }

        // No flush here: with commit-before-acknowledge, every answered view is already in the lake.
        using var query = new LakeQuery(host.LakePath);
        query.Execute($"CREATE VIEW audit AS SELECT * FROM read_parquet('{Path.Combine(host.LakePath, LakePaths.Audit)}**/*.parquet', hive_partitioning = true)");
        var rows = query.Rows("SELECT actor, actor_role, action, outcome, hospital_id, department, resource, occurred_at FROM audit WHERE action = 'view_beds' ORDER BY ingest_seq");
        Assert.Equal(4, rows.Count);
        Assert.Equal(new object?[] { "nurse.jones", MhaRoles.ChargeNurse, "view_beds", "allowed", 1, "ICU", "/api/occupancy/1/departments/ICU/beds" }, rows[0][..7]);
        Assert.Equal(new object?[] { "nurse.jones", MhaRoles.ChargeNurse, "view_beds", "denied", 1, "Surgery", "/api/occupancy/1/departments/Surgery/beds" }, rows[1][..7]);
        Assert.Equal(new object?[] { "analyst.kim", MhaRoles.Analyst, "view_beds", "denied", 1, "ICU", "/api/occupancy/1/departments/ICU/beds" }, rows[2][..7]);
        Assert.Equal(new object?[] { "manager.lee", MhaRoles.HospitalManager, "view_beds", "allowed", 1, "Surgery", "/api/occupancy/1/departments/surgery/beds" }, rows[3][..7]);
        Assert.All(rows, r => Assert.InRange(new DateTimeOffset(DateTime.SpecifyKind((DateTime)r[7]!, DateTimeKind.Utc)), before.AddSeconds(-1), DateTimeOffset.UtcNow));

        // The log says that someone saw the beds, never whom they saw.
        Assert.Equal(0L, query.Scalar<long>("SELECT count(*) FROM audit WHERE CAST(COLUMNS(*) AS VARCHAR) LIKE '%P-bed-audit%'"));
    }
}
