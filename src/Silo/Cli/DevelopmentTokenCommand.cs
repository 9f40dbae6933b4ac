using System.Globalization;
using MHA.Dashboard.Authentication;
using MHA.Grains.Catalog;
using MHA.Grains.Security;
using MHA.Silo.Profiles;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Cli;

/// <summary>
/// <c>dotnet run --project src/Silo -- token --role ChargeNurse --hospital 1 --department ICU</c>: prints a development
/// token signed with the same key a silo started from the same folder uses. Other arguments are configuration
/// (<c>--profile local</c>, <c>--Auth:Development:SigningKey=…</c>). Refused in the Azure profile.
/// </summary>
public static class DevelopmentTokenCommand
{
    public const string Name = "token";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? role = null, department = null, name = null;
        int? hospital = null;
        TimeSpan? lifetime = null;
        var configurationArgs = new List<string>();
        try
        {
            for (var i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--role": role = Value(args, ref i); break;
                    case "--hospital": hospital = int.Parse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--department": department = Value(args, ref i); break;
                    case "--name": name = Value(args, ref i); break;
                    case "--minutes": lifetime = TimeSpan.FromMinutes(int.Parse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture)); break;
                    case "--help" or "-h": error.WriteLine(Usage); return 0;
                    default: configurationArgs.Add(args[i]); break;
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            error.WriteLine($"token: {ex.Message}\n{Usage}");
            return 2;
        }

        if (role is null)
        {
            error.WriteLine($"token: --role is required.\n{Usage}");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs.ToArray(), ContentRootPath = AppContext.BaseDirectory });
        var profile = builder.AddProfileSettings();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (profile == EngineProfile.Azure || !auth.Development.Enabled)
        {
            error.WriteLine("token: development tokens are off in this configuration (the azure profile refuses them); sign in with Entra ID.");
            return 3;
        }

        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var catalog = HospitalCatalog.Create(builder.Configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>() ?? new CatalogOptions());
        var issuer = new DevelopmentTokenIssuer(Options.Create(auth), Options.Create(security), catalog, TimeProvider.System);
        try
        {
            output.WriteLine(issuer.Issue(new DevelopmentTokenRequest(role, hospital, department, name, lifetime)));
            return 0;
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"token: {ex.Message}");
            return 2;
        }
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");

    private const string Usage = """
        usage: dotnet run --project src/Silo -- token --role ROLE [--hospital N] [--department NAME] [--name WHO] [--minutes M] [configuration…]
          ROLE: NetworkAdmin | HospitalManager (needs --hospital) | ChargeNurse (needs --hospital, --department) | Analyst | Ingestor
          Prints a development token for 'Authorization: Bearer …'. Run it from the folder the silo runs in: both use data/secrets.
        """;
}
