using System.Diagnostics;

namespace MHA.UnitTests.Deploy;

/// <summary>
/// Compiles and lints the Azure deployment (deploy/main.bicep) through build/bicep.sh, so the test command
/// catches a Bicep error or linter warning. The script fetches the Bicep CLI from NuGet on its first run.
/// </summary>
public sealed class BicepBuildTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Deployment_builds_and_lints_without_errors_or_warnings()
    {
        var root = FindRepositoryRoot();
        var start = new ProcessStartInfo("bash", ["build/bicep.sh"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = (await stdout) + (await stderr);
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(process.ExitCode == 0, $"build/bicep.sh exited {process.ExitCode}:\n{output}");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MHA.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MHA.sln above {AppContext.BaseDirectory}.");
    }
}
