using System.Globalization;

namespace MHA.Producer.Simulation;

/// <summary>The two timestamp spellings of the contract, formatted with the invariant culture so output never depends on the machine.</summary>
internal static class EventTimestamps
{
    /// <summary>ISO-8601 UTC with milliseconds and <c>Z</c>: several events share a second when time is scaled.</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The legacy shape's ISO-8601 without zone (read as UTC by the engine).</summary>
    public static string LegacyLocal(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
