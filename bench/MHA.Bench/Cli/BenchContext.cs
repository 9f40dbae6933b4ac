using MHA.Bench.Reporting;

namespace MHA.Bench.Cli;

/// <summary>What every stage gets: the settings, the report to add to, a progress log (stderr) and a scratch folder.</summary>
public sealed class BenchContext(BenchSettings settings, BenchReport report, TextWriter log)
{
    public BenchSettings Settings => settings;

    public BenchSize Size => settings.Size;

    public BenchReport Report => report;

    public void Log(string message) => log.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {message}");

    /// <summary>A new empty folder under the run's work folder.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(settings.WorkFolder, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(path);
        return path;
    }
}
