namespace MHA.UnitTests.Deploy;

/// <summary>
/// Compiles and lints the Azure deployment (deploy/main.bicep) through build/bicep.sh, so the test command
/// catches a Bicep error or linter warning. The script fetches the Bicep CLI from NuGet on its first run.
/// </summary>
public sealed class BicepBuildTests
{
    [Fact]
    public async Task Deployment_builds_and_lints_without_errors_or_warnings()
    {
        var (exitCode, stdout, stderr) = await ToolRun.RunAsync("bash", "build/bicep.sh");
        var output = stdout + stderr;
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(exitCode == 0, $"build/bicep.sh exited {exitCode}:\n{output}");
    }
}
