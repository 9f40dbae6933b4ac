using System.Text.Json;

namespace MHA.UnitTests.Deploy;

/// <summary>
/// The per-role lake access of the deployment (deploy/modules/access-plan.bicep, access.bicep): the Bicep CLI evaluates
/// the plan for sample principals (access-plan.bicepparam, <c>bicep build-params</c>), and the resulting role
/// assignments are checked request by request with an ABAC evaluator: who may read, list, write or delete which
/// container and folder. The compiled main.bicep is checked to deploy exactly that plan.
/// </summary>
public sealed class BicepAccessPlanTests
{
    private const string Lake = "lake";
    private const string NetworkAdmins = "00000000-0000-0000-0000-0000000000ad";
    private const string Analysts = "00000000-0000-0000-0000-0000000000a1";
    private const string Auditors = "00000000-0000-0000-0000-0000000000au";
    private const string ManagersOf3And4 = "00000000-0000-0000-0000-0000000000m3";
    private const string Ingestor = "00000000-0000-0000-0000-0000000000i1";
    private const string Engine = "engine";
    private const string Reader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string Contributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    [Fact]
    public async Task Without_ids_nothing_is_assigned_and_an_analyst_group_alone_gets_one_conditioned_reader()
    {
        var plans = await EvaluatedPlansAsync();
        Assert.Empty(plans["nobody"]);

        var analyst = Assert.Single(plans["analystsOnly"]);
        Assert.Equal(Analysts, analyst.PrincipalId);
        Assert.Equal("Group", analyst.PrincipalType);
        Assert.Equal(Reader, analyst.RoleDefinitionId);
        Assert.Equal("lakeContainer", analyst.Scope);
        Assert.NotNull(analyst.Condition);
        Assert.Contains("StringStartsWith 'gold/'", analyst.Condition, StringComparison.Ordinal);
        Assert.DoesNotContain("audit/", analyst.Condition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_role_reads_lists_and_writes_only_its_containers_and_folders()
    {
        var plans = await EvaluatedPlansAsync();
        var all = plans["everyone"].Append(new Assignment("engine", Engine, "ServicePrincipal", Contributor, "account", "", plans.EngineCondition)).ToArray();
        Assert.Equal(7, plans["everyone"].Count);
        Assert.Single(all, a => a.PrincipalId == ManagersOf3And4); // one group managing two hospitals: one assignment
        Assert.Contains("hospitals 3, 4", all.Single(a => a.PrincipalId == ManagersOf3And4).Description, StringComparison.Ordinal);

        const string fact = "gold/fact_admission/admission_date=2026-11-24/part-00000.parquet";
        const string occupancy = "gold/fact_occupancy_hourly/hour_date=2026-11-24/part-00000.parquet";
        const string quality = "quality/daily_reports/report_date=2026-11-24/part-00000.parquet";
        const string audit = "audit/audit_log/audit_date=2026-11-24/part-0000000000000000001-0000000000000000002-0a1b2c3d.parquet";
        const string bronze = "bronze/adt_events/ingest_date=2026-11-24/part-0000000000000000001-0000000000000000002-0a1b2c3d.parquet";
        const string quarantine = "silver/quarantine/ingest_date=2026-11-24/part-0000000000000000001-0000000000000000002-0a1b2c3d.parquet";
        const string extract = "landing/ehr/2026-11-24/encounters.csv";
        const string metadata = "landing/metadata/departments.json";

        // Analysts: Gold and quality, read and list; nothing else, nowhere else.
        Expect(all, Analysts, BlobRequest.ReadBlob(Lake, fact), true);
        Expect(all, Analysts, BlobRequest.ReadBlob(Lake, quality), true);
        Expect(all, Analysts, BlobRequest.List(Lake, "gold/fact_admission/"), true);
        foreach (var path in new[] { audit, bronze, quarantine, extract, metadata, "silver/adt_events/event_date=2026-11-24/x.parquet" })
            Expect(all, Analysts, BlobRequest.ReadBlob(Lake, path), false);
        Expect(all, Analysts, BlobRequest.List(Lake, ""), false);
        Expect(all, Analysts, BlobRequest.List(Lake, "audit/"), false);
        Expect(all, Analysts, BlobRequest.ReadBlob("landing", fact), false);
        Expect(all, Analysts, new BlobRequest(BlobRequest.Write, Lake, fact), false);

        // Hospital managers: aggregates without patient rows, and quality.
        Expect(all, ManagersOf3And4, BlobRequest.ReadBlob(Lake, occupancy), true);
        Expect(all, ManagersOf3And4, BlobRequest.ReadBlob(Lake, "gold/dim_department/part-00000.parquet"), true);
        Expect(all, ManagersOf3And4, BlobRequest.ReadBlob(Lake, quality), true);
        Expect(all, ManagersOf3And4, BlobRequest.ReadBlob(Lake, fact), false);
        Expect(all, ManagersOf3And4, BlobRequest.ReadBlob(Lake, "gold/dim_patient/part-00000.parquet"), false);
        Expect(all, ManagersOf3And4, BlobRequest.ReadBlob(Lake, audit), false);

        // Auditors: the audit log only.
        Expect(all, Auditors, BlobRequest.ReadBlob(Lake, audit), true);
        Expect(all, Auditors, BlobRequest.List(Lake, "audit/audit_log/"), true);
        Expect(all, Auditors, BlobRequest.ReadBlob(Lake, fact), false);

        // Network admins: read everything in every container; write department metadata and nothing else.
        foreach (var path in new[] { fact, audit, bronze, quarantine, extract })
            Expect(all, NetworkAdmins, BlobRequest.ReadBlob(Lake, path), true);
        Expect(all, NetworkAdmins, BlobRequest.ReadBlob("synapse", "anything"), true);
        Expect(all, NetworkAdmins, new BlobRequest(BlobRequest.Write, Lake, metadata), true);
        Expect(all, NetworkAdmins, new BlobRequest(BlobRequest.Write, Lake, extract), false);
        Expect(all, NetworkAdmins, new BlobRequest(BlobRequest.Write, Lake, fact), false);
        Expect(all, NetworkAdmins, new BlobRequest(BlobRequest.Delete, Lake, audit), false);

        // The Ingestor: EHR extracts into landing/ehr/, nothing else; not even department metadata.
        Expect(all, Ingestor, new BlobRequest(BlobRequest.Write, Lake, extract), true);
        Expect(all, Ingestor, new BlobRequest(BlobRequest.Add, Lake, extract), true);
        Expect(all, Ingestor, BlobRequest.ReadBlob(Lake, extract), true);
        Expect(all, Ingestor, BlobRequest.List(Lake, "landing/ehr/2026-11-24/"), true);
        Expect(all, Ingestor, new BlobRequest(BlobRequest.Write, Lake, metadata), false);
        Expect(all, Ingestor, new BlobRequest(BlobRequest.Write, Lake, bronze), false);
        Expect(all, Ingestor, new BlobRequest(BlobRequest.Delete, Lake, bronze), false);
        Expect(all, Ingestor, new BlobRequest(BlobRequest.Move, Lake, fact), false);
        Expect(all, Ingestor, BlobRequest.ReadBlob(Lake, fact), false);
        Expect(all, Ingestor, BlobRequest.List(Lake, "landing/"), false);
        Expect(all, Ingestor, new BlobRequest(BlobRequest.Write, "landing", extract), false);

        // The engine writes and compacts every table, but cannot delete or rename an audit file.
        Expect(all, Engine, new BlobRequest(BlobRequest.Write, Lake, audit), true);
        Expect(all, Engine, new BlobRequest(BlobRequest.Delete, Lake, bronze), true);
        Expect(all, Engine, new BlobRequest(BlobRequest.Delete, Lake, "alerts/outbox/0/x.json"), true);
        Expect(all, Engine, new BlobRequest(BlobRequest.Delete, Lake, audit), false);
        Expect(all, Engine, new BlobRequest(BlobRequest.Move, Lake, audit), false);
    }

    [Fact]
    public async Task The_deployment_assigns_that_plan_from_its_parameters_and_conditions_the_engine()
    {
        var template = JsonDocument.Parse(await BicepAsync("build", "deploy/main.bicep", "--stdout")).RootElement;
        var access = Module(template, "access");
        // Every id is optional: empty by default, so a deployment without groups assigns nothing.
        foreach (var name in new[] { "networkAdminsGroupId", "analystsGroupId", "auditorsGroupId" })
        {
            Assert.Equal($"[parameters('{name}')]", access.GetProperty("parameters").GetProperty(name).GetProperty("value").GetString());
            Assert.Equal("", template.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue").GetString());
        }

        Assert.Equal("[parameters('ingestorPrincipalIds')]", access.GetProperty("parameters").GetProperty("ingestorPrincipalIds").GetProperty("value").GetString());
        Assert.Equal("[parameters('hospitalManagersGroups')]", access.GetProperty("parameters").GetProperty("hospitalManagers").GetProperty("value").GetString());
        Assert.Equal(0, template.GetProperty("parameters").GetProperty("ingestorPrincipalIds").GetProperty("defaultValue").GetArrayLength());
        Assert.Equal(0, template.GetProperty("parameters").GetProperty("hospitalManagersGroups").GetProperty("defaultValue").GetArrayLength());
        var inner = access.GetProperty("template");
        Assert.Equal(
            "[__bicep.lakeAccessPlan(parameters('lakeContainerName'), parameters('networkAdminsGroupId'), parameters('analystsGroupId'), parameters('auditorsGroupId'), parameters('hospitalManagers'), parameters('ingestorPrincipalIds'))]",
            inner.GetProperty("variables").GetProperty("plan").GetString());
        var assignments = Resources(inner).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments").ToArray();
        Assert.Equal(2, assignments.Length);
        foreach (var assignment in assignments)
        {
            Assert.Contains("variables('plan')", assignment.GetProperty("copy").GetProperty("count").GetString(), StringComparison.Ordinal);
            var properties = assignment.GetProperty("properties");
            Assert.StartsWith("[tryGet(", properties.GetProperty("condition").GetString(), StringComparison.Ordinal);
            Assert.Contains("'2.0'", properties.GetProperty("conditionVersion").GetString(), StringComparison.Ordinal);
        }

        var engine = Resources(Module(template, "roles").GetProperty("template"))
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Single(r => r.GetProperty("properties").TryGetProperty("condition", out _));
        Assert.Equal("[__bicep.appendOnlyAudit(__bicep.lakeFolders().audit)]", engine.GetProperty("properties").GetProperty("condition").GetString());
        Assert.Equal("2.0", engine.GetProperty("properties").GetProperty("conditionVersion").GetString());
        Assert.Contains("storageBlobDataContributor", engine.GetProperty("properties").GetProperty("roleDefinitionId").GetString(), StringComparison.Ordinal);
    }

    private static void Expect(IEnumerable<Assignment> assignments, string principalId, BlobRequest request, bool allowed)
    {
        var mine = assignments.Where(a => a.PrincipalId == principalId).ToArray();
        Assert.NotEmpty(mine);
        var granted = mine.Any(a =>
            RoleActions(a.RoleDefinitionId).Contains(request.Action)
            && (a.Scope == "account" || request.Container == Lake)
            && (a.Condition is null || AbacCondition.Allows(a.Condition, request)));
        Assert.True(granted == allowed, $"{principalId}: {request} should be {(allowed ? "allowed" : "denied")}");
    }

    /// <summary>The data actions of the built-in roles the plan uses.</summary>
    private static string[] RoleActions(string roleDefinitionId) => roleDefinitionId switch
    {
        Reader => [BlobRequest.Read],
        Contributor => [BlobRequest.Read, BlobRequest.Write, BlobRequest.Add, BlobRequest.Delete, BlobRequest.Move],
        _ => throw new InvalidOperationException($"Unexpected role {roleDefinitionId}"),
    };

    private static async Task<EvaluatedPlans> EvaluatedPlansAsync()
    {
        var output = await BicepAsync("build-params", "tests/MHA.UnitTests/Deploy/access-plan.bicepparam", "--stdout");
        var parameters = JsonDocument.Parse(JsonDocument.Parse(output).RootElement.GetProperty("parametersJson").GetString()!).RootElement.GetProperty("parameters");
        var plans = new Dictionary<string, IReadOnlyList<Assignment>>(StringComparer.Ordinal);
        foreach (var name in new[] { "nobody", "analystsOnly", "everyone" })
        {
            plans[name] = parameters.GetProperty(name).GetProperty("value").EnumerateArray().Select(a => new Assignment(
                a.GetProperty("key").GetString()!,
                a.GetProperty("principalId").GetString()!,
                a.GetProperty("principalType").GetString()!,
                a.GetProperty("roleDefinitionId").GetString()!,
                a.GetProperty("scope").GetString()!,
                a.GetProperty("description").GetString()!,
                a.TryGetProperty("condition", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)).ToArray();
        }

        return new EvaluatedPlans(plans, parameters.GetProperty("engineCondition").GetProperty("value").GetString()!);
    }

    private static JsonElement Module(JsonElement template, string name) =>
        Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == name)
            .GetProperty("properties");

    /// <summary>A template's resources, whether listed (language version 1) or keyed by symbolic name (2.0).</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(p => p.Value);
    }

    /// <summary>Runs the Bicep CLI that build/bicep.sh installs; returns its standard output, failing on any error or warning.</summary>
    private static async Task<string> BicepAsync(params string[] arguments)
    {
        var cli = (await RunAsync("bash", "build/bicep.sh", "cli")).Trim().Split('\n')[^1].Trim();
        return await RunAsync(cli, arguments);
    }

    private static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        var (exitCode, output, errors) = await ToolRun.RunAsync(fileName, arguments);
        Assert.True(exitCode == 0 && !errors.Contains(": Error ", StringComparison.Ordinal) && !errors.Contains(": Warning ", StringComparison.Ordinal),
            $"{fileName} {string.Join(' ', arguments)} exited {exitCode}:\n{errors}");
        return output;
    }

    /// <summary>One role assignment of the evaluated plan.</summary>
    private sealed record Assignment(string Key, string PrincipalId, string PrincipalType, string RoleDefinitionId, string Scope, string Description, string? Condition);

    /// <summary>The plans of access-plan.bicepparam by parameter name, and the engine's own condition.</summary>
    private sealed record EvaluatedPlans(IReadOnlyDictionary<string, IReadOnlyList<Assignment>> Plans, string EngineCondition)
    {
        public IReadOnlyList<Assignment> this[string name] => Plans[name];
    }
}
