using System.Net.Http.Headers;
using System.Security.Cryptography;
using MHA.Bench.Cli;
using MHA.Dashboard.Authentication;
using MHA.Dashboard.Authorization;
using MHA.Grains.Lake;
using MHA.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Bench.Hosting;

/// <summary>
/// The real host (silo, board, APIs: <see cref="SiloApp"/>) in the bench process on free loopback ports, in the
/// embedded profile (local lake folder) or the local profile (Azurite: clustering, grain storage, queues, Blob lake).
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, string lakeFolder, string container)
    {
        App = app;
        LakeFolder = lakeFolder;
        Container = container;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var issuer = app.Services.GetRequiredService<DevelopmentTokenIssuer>();
        AdminToken = issuer.Issue(new DevelopmentTokenRequest(MhaRoles.NetworkAdmin, Name: "bench"));
        IngestToken = issuer.Issue(new DevelopmentTokenRequest(MhaRoles.Ingestor, Name: "bench"));
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress { get; }

    public string AdminToken { get; }

    public string IngestToken { get; }

    /// <summary>The lake folder (embedded profile); empty in the local profile.</summary>
    public string LakeFolder { get; }

    /// <summary>The lake's Blob container (local profile).</summary>
    public string Container { get; }

    public LakeWriter Lake => Services.GetRequiredService<LakeWriter>();

    public IClusterClient Client => Services.GetRequiredService<IClusterClient>();

    public HttpClient HttpClient(string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<BenchHost> StartAsync(BenchContext context, BenchProfile profile, string? catalogPath = null,
        IDictionary<string, string>? settings = null, string? lakeFolder = null, string? container = null)
    {
        var folder = context.NewFolder($"host-{BenchProfileName(profile)}");
        lakeFolder ??= Path.Combine(folder, "lake");
        container ??= $"bench{Guid.NewGuid():N}"[..24];
        var siloPort = FreePort.Next();
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            $"--Silo:SiloPort={siloPort}",
            $"--Silo:GatewayPort={FreePort.Next()}",
            $"--Silo:PrimarySiloPort={siloPort}",
            $"--Silo:ClusterId=bench-{Guid.NewGuid():N}",
            "--SimulatedFeed:Enabled=false",
            "--Logging:LogLevel:Default=Error",
            "--Logging:LogLevel:Orleans=Critical",
            "--Logging:LogLevel:Orleans.Runtime.Silo=Warning",
            $"--Security:LocalSecretsPath={Path.Combine(folder, "secrets")}",
            $"--PatientKey:HmacSecret={Convert.ToHexString(RandomNumberGenerator.GetBytes(32))}",
        };
        if (catalogPath is not null) args.Add($"--Catalog:Path={catalogPath}");
        if (profile == BenchProfile.Local)
        {
            var azurite = context.Settings.AzuriteConnectionString!;
            // Each host its own stream queues: a host must not pick up what an earlier stage's host left in shared queues.
            args.AddRange(["--profile", "local", $"--AzureStorage:ConnectionString={azurite}", $"--AzureStorage:StreamQueuePrefix=q{Guid.NewGuid():N}",
                $"--Lake:BlobConnectionString={azurite}", $"--Lake:Container={container}"]);
        }
        else
        {
            args.Add($"--Lake:LocalPath={lakeFolder}");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args.Add($"--{key}={value}");
        var app = SiloApp.Build(args.ToArray());
        await app.StartAsync();
        return new BenchHost(app, profile == BenchProfile.Local ? "" : lakeFolder, container);
    }

    private static string BenchProfileName(BenchProfile profile) => profile.ToString().ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await App.StopAsync(deadline.Token);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
