using System.Text.Json;

namespace MHA.UnitTests.Deploy;

/// <summary>
/// deploy/adf: every JSON file parses, and the Data Factory definitions hold what the landing zone needs: a Copy pipeline
/// writing into the lake's <c>landing/ehr/</c>, a daily schedule trigger and a storage-event trigger running it, and
/// every reference pointing at a definition that exists.
/// </summary>
public sealed class DataFactoryDefinitionTests
{
    private static readonly string Root = Path.Combine(FindRepositoryRoot(), "deploy", "adf");

    private static Dictionary<string, JsonElement> Load(string folder) =>
        Directory.GetFiles(Path.Combine(Root, folder), "*.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e);

    [Fact]
    public void Every_json_file_parses_and_is_named_after_its_definition()
    {
        var files = Directory.GetFiles(Root, "*.json", SearchOption.AllDirectories);
        Assert.True(files.Length >= 7, $"{files.Length} ADF definitions");
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { AllowTrailingCommas = false });
            Assert.Equal(Path.GetFileNameWithoutExtension(file), json.RootElement.GetProperty("name").GetString());
            Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("properties").ValueKind);
        }
    }

    [Fact]
    public void The_copy_pipeline_writes_the_extracts_into_the_landing_zone_and_references_existing_datasets()
    {
        var pipelines = Load("pipeline");
        var datasets = Load("dataset");
        var linked = Load("linkedService");
        var copy = pipelines["pl_copy_ehr_extracts"].GetProperty("properties").GetProperty("activities").EnumerateArray()
            .Single(a => a.GetProperty("type").GetString() == "Copy");

        var output = copy.GetProperty("outputs")[0].GetProperty("referenceName").GetString()!;
        var input = copy.GetProperty("inputs")[0].GetProperty("referenceName").GetString()!;
        Assert.Contains(input, datasets.Keys);
        var sink = datasets[output].GetProperty("properties");
        Assert.Equal("lake", sink.GetProperty("typeProperties").GetProperty("location").GetProperty("fileSystem").GetString());
        Assert.Contains("'landing/ehr/'", sink.GetProperty("typeProperties").GetProperty("location").GetProperty("folderPath").GetProperty("value").GetString());
        Assert.Equal("Binary", sink.GetProperty("type").GetString());
        foreach (var dataset in datasets.Values)
        {
            Assert.Contains(dataset.GetProperty("properties").GetProperty("linkedServiceName").GetProperty("referenceName").GetString(), linked.Keys);
        }
    }

    [Fact]
    public void A_daily_schedule_and_a_storage_event_trigger_run_the_copy_pipeline()
    {
        var pipelines = Load("pipeline");
        var triggers = Load("trigger").Values.Select(t => t.GetProperty("properties")).ToArray();

        var daily = triggers.Single(t => t.GetProperty("type").GetString() == "ScheduleTrigger");
        Assert.Equal("Day", daily.GetProperty("typeProperties").GetProperty("recurrence").GetProperty("frequency").GetString());
        var landed = triggers.Single(t => t.GetProperty("type").GetString() == "BlobEventsTrigger");
        Assert.Contains("Microsoft.Storage.BlobCreated", landed.GetProperty("typeProperties").GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        foreach (var trigger in triggers)
        {
            var target = trigger.GetProperty("pipelines")[0].GetProperty("pipelineReference").GetProperty("referenceName").GetString();
            Assert.Contains(target, pipelines.Keys);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MHA.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("MHA.sln not found above the test binaries.");
    }
}
