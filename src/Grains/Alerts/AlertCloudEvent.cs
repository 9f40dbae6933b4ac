using System.Text.Json;
using System.Text.Json.Nodes;

namespace MHA.Grains.Alerts;

/// <summary>Builds the CloudEvents 1.0 JSON body (structured mode) of an alert being raised or resolved.</summary>
public static class AlertCloudEvent
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    /// <summary>The webhook message of <paramref name="alert"/>, raised (<paramref name="resolvedAt"/> null) or resolved.</summary>
    public static (string Type, string Body) Create(string id, string source, ActiveAlert alert, DateTimeOffset time, DateTimeOffset? resolvedAt)
    {
        var type = alert.Kind + (resolvedAt is null ? AlertKinds.RaisedSuffix : AlertKinds.ResolvedSuffix);
        var details = new JsonObject();
        foreach (var (name, value) in alert.Details.OrderBy(d => d.Key, StringComparer.Ordinal)) details[name] = value;
        var body = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
            ["subject"] = alert.Key,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject
            {
                ["key"] = alert.Key,
                ["kind"] = alert.Kind,
                ["status"] = resolvedAt is null ? "raised" : "resolved",
                ["severity"] = alert.Severity,
                ["summary"] = alert.Summary,
                ["details"] = details,
                ["raised_at"] = alert.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
                ["resolved_at"] = resolvedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            },
        };
        return (type, body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
