using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MHA.Dashboard.Authentication;
using MHA.Dashboard.Authorization;
using MHA.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// The real host (Orleans silo + board + APIs) started in the test process on free loopback ports, with Kestrel
/// serving HTTP. Several can join one cluster: pass the first one's silo port as the primary.
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private SiloHost(WebApplication app, int siloPort)
    {
        App = app;
        SiloPort = siloPort;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Tokens = app.Services.GetService<DevelopmentTokenIssuer>();
        Http = ClientFor(Tokens?.Issue(new DevelopmentTokenRequest(MhaRoles.NetworkAdmin, Name: "test-admin")));
    }

    /// <summary>The host's development issuer (none in the Azure profile): tokens for any role and scope.</summary>
    public DevelopmentTokenIssuer? Tokens { get; }

    /// <summary>A client sending <paramref name="token"/> as its bearer token (none: anonymous).</summary>
    public HttpClient ClientFor(string? token, bool followRedirects = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token for <paramref name="role"/>, scoped to a hospital and department where the role needs one.</summary>
    public string TokenFor(string role, int? hospitalId = null, string? department = null) =>
        (Tokens ?? throw new InvalidOperationException("This host has no development issuer.")).Issue(new DevelopmentTokenRequest(role, hospitalId, department));

    public WebApplication App { get; }

    public int SiloPort { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<SiloHost> StartAsync(string clusterId, int? primarySiloPort = null, IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var siloPort = FreePorts.Next();
        var lakePath = settings?.TryGetValue("Lake:LocalPath", out var configured) == true ? configured! : TemporaryLakePath();
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            $"--Silo:SiloPort={siloPort}",
            $"--Silo:GatewayPort={FreePorts.Next()}",
            $"--Silo:PrimarySiloPort={primarySiloPort ?? siloPort}",
            $"--Silo:ClusterId={clusterId}",
            "--SimulatedFeed:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Error",
            $"--Lake:LocalPath={lakePath}",
            $"--Security:LocalSecretsPath={Path.Combine(Path.GetDirectoryName(lakePath)!, "secrets")}",
            $"--PatientKey:HmacSecret={TestPatientKeys.Secret}",
        };
        foreach (var (key, value) in (settings ?? new Dictionary<string, string?>()).Where(s => s.Key != "Lake:LocalPath"))
        {
            args.Add($"--{key}={value}");
        }

        var logs = new LogCapture($"{clusterId}-{siloPort}");
        try
        {
            var app = SiloApp.Build(args.ToArray(), builder =>
            {
                logs.AttachTo(builder.Logging);
                configure?.Invoke(builder);
            });
            await app.StartAsync();
            return new SiloHost(app, siloPort) { LakePath = lakePath, Logs = logs };
        }
        catch
        {
            logs.Dispose();
            throw;
        }
    }

    /// <summary>A fresh folder for one host's local lake.</summary>
    public static string TemporaryLakePath() => Path.Combine(Path.GetTempPath(), "mha-tests", Guid.NewGuid().ToString("N"), "lake");

    public string LakePath { get; private init; } = "";

    /// <summary>Everything this host logged at Information and above (the console shows Warning and above).</summary>
    public LogCapture Logs { get; private init; } = null!;

    public async Task<JsonElement> IngestAsync(string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        using var response = await Http.PostAsync("/api/events", content);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new HttpRequestException($"Ingest answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path) =>
        (await Http.GetFromJsonAsync<JsonElement>(path))!;

    /// <summary>Connects a SignalR client to the board's hub as a network admin (or with <paramref name="token"/>).</summary>
    public Task<BoardClient> ConnectBoardAsync(string? token = null) =>
        BoardClient.ConnectAsync(BaseAddress, token ?? TokenFor(MhaRoles.NetworkAdmin));

    /// <summary>Occupied count per "hospital/department" as <c>GET /api/occupancy</c> reports it.</summary>
    public async Task<Dictionary<string, int>> GetOccupiedAsync() => OccupiedByDepartment(await GetJsonAsync("/api/occupancy"));

    /// <summary>Occupied beds per "hospital/department" from a <c>GET /api/occupancy</c> answer.</summary>
    public static Dictionary<string, int> OccupiedByDepartment(JsonElement network) =>
        network.GetProperty("hospitals").EnumerateArray()
            .SelectMany(h => h.GetProperty("departments").EnumerateArray())
            .ToDictionary(d => $"{d.GetProperty("hospital_id").GetInt32()}/{d.GetProperty("department").GetString()}", d => d.GetProperty("occupied").GetInt32());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await App.StopAsync(deadline.Token);
        }
        finally
        {
            await App.DisposeAsync();
            Logs.Dispose();
        }
    }
}
