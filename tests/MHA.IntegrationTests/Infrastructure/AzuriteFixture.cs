using System.Diagnostics;
using System.Text;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// Azurite (Blob, Queue and Table services) as a child process on free loopback ports, with its data in a temporary folder.
/// Installs Azurite into <c>.tools/azurite</c> (build/azurite.sh) when it is not there yet.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's documented development account; public, but still kept out of logs and test names.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _dataFolder;

    public int Port { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{AccountName}";

    /// <summary>All three services: for the lake and for the local profile's clustering, grain storage and stream queues.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public async ValueTask InitializeAsync()
    {
        var binary = await FindOrInstallAsync();
        _dataFolder = Path.Combine(Path.GetTempPath(), $"mha-azurite-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataFolder);

        // The free port can be taken between FreePorts.Next() and Azurite's bind; then try another one.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePorts.Next();
            QueuePort = FreePorts.Next();
            TablePort = FreePorts.Next();
            Start(binary);
            if (await WaitUntilAnsweringAsync()) return;
            if (attempt == 3 || !Output().Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite exited with code {_process!.ExitCode}: {Output()}");
            }

            _process!.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                // azurite is a node script; kill whatever it started too.
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Already gone, or refusing to die: nothing more a test can do.
            }

            _process.Dispose();
        }

        if (_dataFolder is not null)
        {
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying process; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    private void Start(string binary)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                     "--location", _dataFolder!,
                     "--silent", "--skipApiVersionCheck", "--loose",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>True once the Blob service answers; false when the process exited first.</summary>
    private async Task<bool> WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                // Let the output readers catch up with the error message.
                _process.WaitForExit();
                return false;
            }

            try
            {
                // Any HTTP answer (an auth error for this anonymous request) means the Blob service listens.
                using var _ = await http.GetAsync($"{BlobEndpoint}?comp=list");
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"Azurite did not answer on port {Port} within {StartTimeout.TotalSeconds:0} s: {Output()}");
    }

    private static async Task<string> FindOrInstallAsync()
    {
        var binary = Path.Combine(RepositoryPaths.Root, ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (File.Exists(binary)) return binary;

        var script = Path.Combine(RepositoryPaths.Root, "build", "azurite.sh");
        var install = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        install.ArgumentList.Add(script);
        using var process = Process.Start(install) ?? throw new InvalidOperationException($"Could not run {script}.");
        using var timeout = new CancellationTokenSource(InstallTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {InstallTimeout.TotalMinutes:0} minutes.");
        }

        var installed = (await stdout).Trim().Split('\n').LastOrDefault()?.Trim();
        if (process.ExitCode != 0 || string.IsNullOrEmpty(installed) || !File.Exists(installed))
        {
            throw new InvalidOperationException($"{script} failed (exit {process.ExitCode}); Node.js 20+ and npm are needed: {await stderr}");
        }

        return installed;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }
}
