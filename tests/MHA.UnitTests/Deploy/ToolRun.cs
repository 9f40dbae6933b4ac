using System.Diagnostics;

namespace MHA.UnitTests.Deploy;

/// <summary>Runs a command-line tool of the repository (build/bicep.sh, the Bicep CLI) with a deadline, capturing its output.</summary>
internal static class ToolRun
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    /// <summary>The repository root (the folder holding MHA.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MHA.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No MHA.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Exit code, standard output and standard error of <paramref name="fileName"/> run in the repository root.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
