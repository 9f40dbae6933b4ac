namespace MHA.IntegrationTests.Infrastructure;

/// <summary>Paths in the repository and the test run's output folder (screenshots, event files).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string BuildConfiguration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    /// <summary><c>artifacts/test-output</c> under the repository root; CI keeps it.</summary>
    public static string TestOutput
    {
        get
        {
            var path = Path.Combine(Root, "artifacts", "test-output");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MHA.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("MHA.sln not found above the test assembly.");
    }
}
