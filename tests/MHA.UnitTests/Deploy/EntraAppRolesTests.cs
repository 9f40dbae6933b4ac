using System.Text.Json;

namespace MHA.UnitTests.Deploy;

/// <summary>
/// deploy/entra: the app registration's roles are the five roles the engine authorizes (the JWT <c>roles</c> claim), with
/// unique fixed ids (changing an id orphans every assignment made with it), people for the human roles and applications
/// for the Ingestor; the optional claims carry the hospital and department scope for every token type the engine reads.
/// </summary>
public sealed class EntraAppRolesTests
{
    private static string Folder => Path.Combine(RepositoryRoot(), "deploy", "entra");

    [Fact]
    public void The_five_roles_have_fixed_unique_ids_and_the_ingestor_is_an_application_role()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "app-roles.json")));
        var roles = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["Analyst", "ChargeNurse", "HospitalManager", "Ingestor", "NetworkAdmin"],
            roles.Select(r => r.GetProperty("value").GetString()!).Order(StringComparer.Ordinal));
        var ids = roles.Select(r => Guid.Parse(r.GetProperty("id").GetString()!)).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, ids);
        foreach (var role in roles)
        {
            var members = role.GetProperty("allowedMemberTypes").EnumerateArray().Select(m => m.GetString()).ToArray();
            Assert.Equal(role.GetProperty("value").GetString() == "Ingestor" ? ["Application"] : ["User"], members);
            Assert.True(role.GetProperty("isEnabled").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(role.GetProperty("displayName").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(role.GetProperty("description").GetString()));
        }
    }

    [Fact]
    public void Access_and_id_tokens_carry_the_hospital_and_department_extension_claims()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "optional-claims.json")));
        foreach (var token in new[] { "accessToken", "idToken" })
        {
            var claims = json.RootElement.GetProperty(token).EnumerateArray().ToArray();
            Assert.Equal(["extension_<app-id-without-dashes>_mha_department", "extension_<app-id-without-dashes>_mha_hospital"],
                claims.Select(c => c.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
            Assert.All(claims, c => Assert.Equal("user", c.GetProperty("source").GetString()));
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MHA.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No MHA.sln above {AppContext.BaseDirectory}.");
    }
}
