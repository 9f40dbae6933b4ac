using System.Text.RegularExpressions;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary>
/// deploy/synapse/30_security.sql against the views it grants (10_views.sql, 20_kpis.sql) and the storage folders each
/// role may read (deploy/modules/access-plan.bicep): the audit log is visible to network admins and auditors only, no
/// role but network admins sees Bronze or Silver, every view a role is granted reads only folders its storage
/// assignment allows (queries run as the caller, so anything else would fail for them), and every view is granted.
/// </summary>
public sealed partial class SynapseSecurityScriptTests
{
    private static readonly IReadOnlyList<SynapseView> Views = KpiSql.ParseViews(KpiSql.ReadScript("10_views.sql"));

    /// <summary>Storage folders per SQL role, from the lake access plan; network admins read everything.</summary>
    private static readonly Dictionary<string, string[]> Folders = new(StringComparer.Ordinal)
    {
        ["mha_analyst"] = FoldersOf("analyst"),
        ["mha_hospital_manager"] = FoldersOf("hospitalManager"),
        ["mha_auditor"] = FoldersOf("auditor"),
        ["mha_network_admin"] = [""],
    };

    [Fact]
    public void The_audit_log_is_granted_to_network_admins_and_auditors_only_and_raw_layers_to_network_admins_only()
    {
        var readable = ReadableViews();
        Assert.Equal(["mha_auditor", "mha_network_admin"], readable.Where(r => r.Value.Contains("audit.audit_log")).Select(r => r.Key).Order(StringComparer.Ordinal));
        foreach (var (role, views) in readable.Where(r => r.Key != "mha_network_admin"))
        {
            Assert.DoesNotContain(views, v => v.StartsWith("bronze.", StringComparison.Ordinal) || v.StartsWith("silver.", StringComparison.Ordinal));
        }

        Assert.Equal(["audit.audit_log"], readable["mha_auditor"]);
        var all = Views.Select(v => v.QualifiedName).Concat(KpiSql.KpiBodies().Keys.Select(k => $"kpi.{k}")).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(all.Order(StringComparer.Ordinal), readable["mha_network_admin"].Order(StringComparer.Ordinal));
        Assert.Superset(readable["mha_hospital_manager"], readable["mha_analyst"]);
        Assert.Contains("kpi.occupancy_hospital_latest", readable["mha_hospital_manager"]);
    }

    [Fact]
    public void Every_view_a_role_is_granted_reads_only_folders_its_storage_assignment_allows()
    {
        var bulkPaths = Views.ToDictionary(v => v.QualifiedName, v => v.BulkPath, StringComparer.Ordinal);
        var kpiReads = KpiSql.KpiBodies().ToDictionary(
            b => $"kpi.{b.Key}",
            b => GoldRelation().Matches(Regex.Replace(b.Value, "--[^\n]*", "")).Select(m => m.Groups[1].Value).Distinct().ToArray(),
            StringComparer.Ordinal);
        foreach (var (role, views) in ReadableViews())
        {
            foreach (var view in views)
            {
                var paths = view.StartsWith("kpi.", StringComparison.Ordinal) ? kpiReads[view].Select(r => bulkPaths[r]) : [bulkPaths[view]];
                foreach (var path in paths)
                {
                    Assert.True(Folders[role].Any(f => path.StartsWith(f, StringComparison.Ordinal)),
                        $"{role} is granted {view}, which reads {path}: not a folder its storage assignment allows ({string.Join(", ", Folders[role])})");
                }
            }
        }
    }

    /// <summary>The views each role can select: schema and object grants, minus schema denies.</summary>
    private static Dictionary<string, HashSet<string>> ReadableViews()
    {
        var script = Regex.Replace(KpiSql.ReadScript("30_security.sql"), "--[^\n]*", "");
        var all = Views.Select(v => v.QualifiedName).Concat(KpiSql.KpiBodies().Keys.Select(k => $"kpi.{k}")).ToArray();
        var readable = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var denied = new List<(string Role, string Schema)>();
        foreach (Match statement in Permission().Matches(script))
        {
            var (verb, kind, target, role) = (statement.Groups[1].Value, statement.Groups[2].Value, statement.Groups[3].Value, statement.Groups[4].Value);
            if (!readable.TryGetValue(role, out var set)) readable[role] = set = new HashSet<string>(StringComparer.Ordinal);
            var targets = kind == "SCHEMA" ? all.Where(v => v.StartsWith(target + ".", StringComparison.Ordinal)).ToArray() : [target];
            Assert.True(targets.Length > 0 && targets.All(all.Contains), $"{statement.Value}: no such view or schema");
            if (verb == "DENY") denied.Add((role, target));
            else set.UnionWith(targets);
        }

        foreach (var (role, schema) in denied) readable[role].RemoveWhere(v => v.StartsWith(schema + ".", StringComparison.Ordinal));
        Assert.Equal(Folders.Keys.Order(StringComparer.Ordinal), readable.Keys.Order(StringComparer.Ordinal));
        return readable;
    }

    private static string[] FoldersOf(string role)
    {
        var plan = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "modules", "access-plan.bicep"));
        var list = Regex.Match(plan, $@"^\s*{role}: \[([^\]]*)\]", RegexOptions.Multiline);
        Assert.True(list.Success, $"access-plan.bicep lists no folders for {role}");
        return Regex.Matches(list.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToArray();
    }

    [GeneratedRegex(@"\b(GRANT|DENY)\s+SELECT\s+ON\s+(SCHEMA|OBJECT)::([\w.]+)\s+TO\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex Permission();

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(gold\.\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex GoldRelation();
}
