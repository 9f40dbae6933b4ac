using System.Text;
using MHA.Producer.Cli;

namespace MHA.UnitTests.Producer;

/// <summary>Runs the producer exactly as <c>Program</c> does, into files and stdout.</summary>
public sealed class ProducerAppEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mha-producer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Exit, string Stderr)> Run(string[] args, Stream? stdout = null)
    {
        var stderr = new StringWriter();
        var exit = await ProducerApp.RunAsync(args, () => stdout ?? Stream.Null, TextWriter.Null, stderr, _ => null, TestContext.Current.CancellationToken);
        return (exit, stderr.ToString());
    }

    [Fact]
    public async Task Same_seed_writes_the_same_file_twice()
    {
        var first = Path.Combine(_folder, "first.ndjson");
        var second = Path.Combine(_folder, "second.ndjson");

        var run1 = await Run(["--out", first, "--count", "2000", "--seed", "7"]);
        var run2 = await Run(["--out", second, "--count", "2000", "--seed", "7"]);

        Assert.Equal(0, run1.Exit);
        Assert.Equal(0, run2.Exit);
        var bytes = await File.ReadAllBytesAsync(first, TestContext.Current.CancellationToken);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(second, TestContext.Current.CancellationToken));
        Assert.Equal(2000, bytes.Count(b => b == (byte)'\n'));
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("sent 2000 events", run1.Stderr);
        Assert.DoesNotContain("P-0", run1.Stderr);
    }

    [Fact]
    public async Task Dash_writes_only_data_to_stdout()
    {
        var stdout = new MemoryStream();

        var (exit, stderr) = await Run(["--out", "-", "--count", "300", "--seed", "2", "--dirty", "0"], stdout);

        Assert.Equal(0, exit);
        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n');
        Assert.Equal(301, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.All(lines[..^1], line => Assert.StartsWith("{\"event_id\":", line));
        Assert.Contains("done", stderr);
        Assert.Matches(@"dirty: InvalidAge 0, FutureAdmission 0, MissingField 0, Duplicate 0, DischargeBeforeAdmission 0, DepartmentTypo 0, InvalidHospital 0", stderr);
    }

    [Fact]
    public async Task Unwritable_output_is_a_runtime_failure()
    {
        var (exit, stderr) = await Run(["--out", Path.Combine(_folder, "missing-folder", "x.ndjson"), "--count", "10"]);

        Assert.Equal(ProducerApp.RuntimeFailure, exit);
        Assert.Contains("failed", stderr);
    }

    [Fact]
    public async Task Rate_paces_the_run()
    {
        var started = DateTime.UtcNow;

        var (exit, _) = await Run(["--out", Path.Combine(_folder, "paced.ndjson"), "--count", "30", "--rate", "50"]);

        Assert.Equal(0, exit);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(450));
    }
}
