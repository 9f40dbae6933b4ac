using MHA.Grains.Batch;
using MHA.Producer.Cli;

namespace MHA.UnitTests.Batch;

/// <summary><c>producer --ehr-extract DIR --date D</c> writes a day's extracts that the engine reads without a single row error, the same for a seed.</summary>
public sealed class ProducerEhrExtractTests
{
    [Fact]
    public async Task The_producer_writes_a_days_extracts_the_engine_reads_completely_and_repeatably()
    {
        var root = Path.Combine(Path.GetTempPath(), "mha-ehr-" + Guid.NewGuid().ToString("N"));
        var (first, second) = (Path.Combine(root, "a"), Path.Combine(root, "b"));
        foreach (var folder in new[] { first, second })
        {
            var exit = await ProducerApp.RunAsync(["--ehr-extract", folder, "--date", "2026-11-24", "--seed", "7", "--count", "40"],
                () => Stream.Null, TextWriter.Null, TextWriter.Null, _ => null, TestContext.Current.CancellationToken);
            Assert.Equal(ProducerApp.Success, exit);
        }

        var now = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        foreach (var name in new[] { "demographics.csv", "encounters.csv" })
        {
            var path = Path.Combine(first, "2026-11-24", name);
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(second, "2026-11-24", name)));
            var extract = EhrExtractParser.Parse($"landing/ehr/2026-11-24/{name}", File.ReadAllBytes(path), now);
            Assert.False(extract.Rejected, extract.RejectReason);
            Assert.All(extract.Items, i => Assert.Null(i.FramingError));
            Assert.Equal(name == "encounters.csv" ? 80 : 10, extract.Items.Count);
        }

        Directory.Delete(root, recursive: true);
    }
}
