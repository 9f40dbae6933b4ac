using System.Globalization;
using System.Text.Json;
using MHA.Grains.Catalog;
using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

/// <summary>Builds generator streams and reads their JSON for the producer tests.</summary>
internal static class GeneratedStreams
{
    public static HospitalCatalog Catalog { get; } = HospitalCatalog.LoadDefault();

    public static List<GeneratedEvent> Take(TrafficOptions options, int count) =>
        new AdtTrafficGenerator(Catalog, options).Take(count).ToList();

    public static TrafficOptions Clean(int seed = 1) => new() { Seed = seed, Dirty = DirtyDataRates.None };

    public static JsonElement Parse(GeneratedEvent e)
    {
        using var document = JsonDocument.Parse(e.Json);
        return document.RootElement.Clone();
    }

    public static string? String(this JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static DateTimeOffset? Time(this JsonElement json, string name) =>
        json.String(name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    public static int? Int(this JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
