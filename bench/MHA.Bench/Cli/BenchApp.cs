using MHA.Bench.Reporting;
using MHA.Bench.Stages;

namespace MHA.Bench.Cli;

/// <summary>A bench run from command line to exit code: 0 all stages ran, 1 a stage failed, 2 bad arguments.</summary>
public static class BenchApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log, CancellationToken cancellationToken = default)
    {
        var startedAt = DateTimeOffset.UtcNow;
        BenchSettings? settings;
        try
        {
            settings = BenchCommandLine.Parse(args, startedAt);
        }
        catch (ArgumentException ex)
        {
            await log.WriteLineAsync($"bench: {ex.Message}");
            return 2;
        }

        if (settings is null)
        {
            await output.WriteLineAsync(BenchCommandLine.Usage);
            return 0;
        }

        var report = new BenchReport(settings, startedAt);
        var context = new BenchContext(settings, report, log);
        Directory.CreateDirectory(settings.WorkFolder);
        try
        {
            foreach (var stage in BenchStages.All.Where(s => settings.Runs(s.Name)))
            {
                foreach (var profile in stage.PerProfile ? settings.Profiles.Select(p => (BenchProfile?)p) : [null])
                {
                    context.Log($"{stage.Name}{(profile is null ? "" : $" ({BenchReport.ProfileName(profile.Value)})")}: started");
                    try
                    {
                        await stage.RunAsync(context, profile, cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        report.Fail(stage.Name, profile is null ? null : BenchReport.ProfileName(profile.Value), ex);
                        context.Log($"{stage.Name}: FAILED {ex}");
                    }
                }
            }
        }
        finally
        {
            TryDelete(settings.WorkFolder);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"MHA bench, size {settings.Size.Name}, seed {settings.Seed}, {Environment.ProcessorCount} cores, {startedAt:yyyy-MM-dd HH:mm} UTC");
        await output.WriteAsync(report.Table());
        await report.WriteJsonAsync(cancellationToken);
        await output.WriteLineAsync($"Results: {Path.GetFullPath(settings.JsonPath)}");
        return report.Failures.Count == 0 ? 0 : 1;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A lake file still open by a stopping host: left in the temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
