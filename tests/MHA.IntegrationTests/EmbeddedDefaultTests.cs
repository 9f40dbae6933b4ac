using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary>
/// The README's first command, as a newcomer runs it: <c>dotnet run --project src/Silo</c> with no configuration
/// serves the board on http://localhost:5080 with a live simulated feed.
/// </summary>
public sealed partial class EmbeddedDefaultTests : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly DateTime _started = DateTime.UtcNow.AddSeconds(-1);
    private Process _silo = null!;

    public ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", "src/Silo", "--no-build", "-c", RepositoryPaths.BuildConfiguration])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var variable in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(variable);
        }

        _silo = Process.Start(start)!;
        _silo.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _silo.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _silo.BeginOutputReadLine();
        _silo.BeginErrorReadLine();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_silo.HasExited)
        {
            _silo.Kill(entireProcessTree: true);
            await _silo.WaitForExitAsync();
        }

        lock (_output)
        {
            File.WriteAllText(Path.Combine(RepositoryPaths.TestOutput, "embedded-default-silo.log"), _output.ToString());
        }

        _silo.Dispose();
    }

    [Fact]
    public async Task Dotnet_run_shows_every_department_and_a_live_feed_within_20_seconds()
    {
        // The README's token command, run from the same folder, signs with the same local key as the running silo.
        var token = await RunTokenCommandAsync("--role", "NetworkAdmin");
        using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5080"), Timeout = TimeSpan.FromSeconds(5) }.Authorize(token);
        async Task<JsonElement?> Occupancy()
        {
            try
            {
                return await http.GetFromJsonAsync<JsonElement>("/api/occupancy");
            }
            catch (Exception) when (!_silo.HasExited)
            {
                return null;
            }
        }

        var network = await Eventually.ReturnsAsync(Occupancy,
            n => n is { } v && v.GetProperty("hospitals").GetArrayLength() == 7 && v.GetProperty("occupied").GetInt32() > 0,
            TimeSpan.FromSeconds(20), "7 hospitals listed and beds occupied by the simulated feed");

        var departments = network!.Value.GetProperty("hospitals").EnumerateArray().SelectMany(h => h.GetProperty("departments").EnumerateArray()).ToArray();
        Assert.Equal(49, departments.Length);
        Assert.Equal(1295, departments.Sum(d => d.GetProperty("capacity").GetInt32()));

        // The feed keeps going: the numbers move.
        var first = departments.ToDictionary(d => $"{d.GetProperty("hospital_id")}/{d.GetProperty("department")}", d => d.GetProperty("occupied").GetInt32());
        await Eventually.ReturnsAsync(Occupancy, n => n is { } v && v.GetProperty("hospitals").EnumerateArray()
                .SelectMany(h => h.GetProperty("departments").EnumerateArray())
                .Any(d => first[$"{d.GetProperty("hospital_id")}/{d.GetProperty("department")}"] != d.GetProperty("occupied").GetInt32()),
            TimeSpan.FromSeconds(30), "occupancy changes as the feed runs");

        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using (var denied = await anonymous.GetAsync("/api/occupancy"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        // The board's development sign-in: a charge nurse's token sees one hospital.
        using var signIn = await anonymous.PostAsJsonAsync("/api/auth/dev-token", new { role = "ChargeNurse", hospital_id = 3, department = "ICU" });
        var nurseToken = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var nurse = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) }.Authorize(nurseToken);
        var nurseView = await nurse.GetFromJsonAsync<JsonElement>("/api/occupancy");
        Assert.Equal([3], nurseView.GetProperty("hospitals").EnumerateArray().Select(h => h.GetProperty("hospital_id").GetInt32()));

        using var page = await http.GetAsync("/");
        Assert.Contains("MHA Live Bed Occupancy", await page.Content.ReadAsStringAsync());
        using var signalr = await http.GetAsync("/lib/signalr/signalr.min.js");
        Assert.True(signalr.IsSuccessStatusCode, "the SignalR client is served locally, not from a CDN");

        // No configured secret: the patient-key secret is created in (or read from) data/secrets, next to the lake and
        // outside it. `dotnet run` starts the silo in the project folder, so both are under src/Silo/data.
        var workingDirectory = Path.Combine(RepositoryPaths.Root, "src", "Silo");
        string output;
        lock (_output) output = _output.ToString();
        Assert.Contains("Patient keys: secret from the local file", output);
        Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "secrets", "patient-key-hmac.secret")));

        // No patient id in the log: none in the producer's format, and none of the ids the feed really sent (legacy uuids
        // included), as the Bronze files written during this test hold them.
        Assert.DoesNotMatch(PatientIdPattern(), output);
        var bronze = Path.Combine(workingDirectory, "data", "lake", "bronze");
        var files = await Eventually.ReturnsAsync(
            () => Task.FromResult(Directory.Exists(bronze)
                ? Directory.EnumerateFiles(bronze, "*.parquet", SearchOption.AllDirectories).Where(f => File.GetLastWriteTimeUtc(f) >= _started).ToArray()
                : []),
            f => f.Length > 0, TimeSpan.FromSeconds(20), "Bronze files written by this run (flushed every 10 s)");
        var sent = LakeQuery.TextColumn(files, "payload");
        lock (_output) output = _output.ToString();
        PhiScan.AssertNoPatientIds([output], sent, "the silo's log");
    }

    private static async Task<string> RunTokenCommandAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", "src/Silo", "--no-build", "-c", RepositoryPaths.BuildConfiguration, "--", "token", .. arguments])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"token command failed: {await error}");
        return (await output).Trim().Split('\n').Last().Trim();
    }

    /// <summary>Patient ids as the producer writes them; none may reach the logs.</summary>
    [GeneratedRegex(@"\bP-\d{4,}\b")]
    private static partial Regex PatientIdPattern();
}
