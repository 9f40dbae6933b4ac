using System.Diagnostics;
using System.Text;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// One of the repository's built programs (the silo, the producer) run as a real child process with
/// <c>dotnet {dll}</c>; its output is kept and written to <c>artifacts/test-output/{name}.log</c>.
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly string _name;
    private readonly Process _process;

    private DotnetProcess(string name, Process process)
    {
        _name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>src/{project}/bin/{configuration}/net10.0/{assembly}.dll</c> with the given arguments.</summary>
    public static DotnetProcess Start(string name, string project, string assembly, IEnumerable<string> arguments) =>
        StartIn(name, Path.Combine("src", project), assembly, arguments);

    /// <summary>Starts <c>{folder}/bin/{configuration}/net10.0/{assembly}.dll</c> (folder relative to the repository) with the given arguments.</summary>
    public static DotnetProcess StartIn(string name, string folder, string assembly, IEnumerable<string> arguments)
    {
        var dll = Path.Combine(RepositoryPaths.Root, folder, "bin", RepositoryPaths.BuildConfiguration, "net10.0", $"{assembly}.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the solution first: {dll} is missing.", dll);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var variable in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" }) start.Environment.Remove(variable);
        return new DotnetProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}."));
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to flush or leave the cluster.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: a graceful stop (the host flushes and leaves the cluster); killed if it takes longer than <paramref name="within"/>.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(within);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"{_name} did not stop within {within.TotalSeconds:0} s of SIGTERM.");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        await _process.WaitForExitAsync().WaitAsync(within);
        return _process.ExitCode;
    }

    public string Output()
    {
        lock (_output) return _output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.TestOutput, $"{_name}.log"), Output());
        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
