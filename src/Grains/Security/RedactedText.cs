using System.Text.RegularExpressions;

namespace MHA.Grains.Security;

/// <summary>
/// Makes text fit for logs, alerts and the pipeline page when it may quote data. Reasons and exception messages often
/// quote the offending value (<c>effective_time 'P-000123' is not a timestamp</c>, <c>The given key 'P-1' was not
/// present</c>, <c>… same key has already been added. Key: P-1</c>), and that value can be a patient id or payload
/// text: every quoted value, and what follows <c>Key:</c>, becomes <c>…</c>. A backstop for messages the engine does
/// not word itself; its own log messages name event ids, sequence numbers and hospitals, never patient data.
/// </summary>
public static partial class RedactedText
{
    public const string Placeholder = "…";

    public static string Of(string? text) =>
        string.IsNullOrEmpty(text) ? "" : KeyValue().Replace(Quoted().Replace(text, m => $"{m.Value[0]}{Placeholder}{m.Value[^1]}"), "Key: " + Placeholder);

    /// <summary>An exception's type and redacted message, with its inner exceptions' (all of them for an <see cref="AggregateException"/>).</summary>
    public static string Of(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {Of(exception.Message)}";
        IReadOnlyList<Exception> inner = exception is AggregateException aggregate ? aggregate.InnerExceptions
            : exception.InnerException is { } one ? [one] : [];
        return inner.Count == 0 ? text : $"{text} ---> {string.Join(" | ", inner.Select(Of))}";
    }

    // A quote opens and closes a value only next to a non-letter, so the apostrophe of "Gold's" opens nothing.
    [GeneratedRegex("""(?<![\p{L}\p{N}])(?:'[^'\r\n]*'|"[^"\r\n]*"|‘[^’\r\n]*’|“[^”\r\n]*”)(?![\p{L}\p{N}])""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"Key: [^\r\n]*")]
    private static partial Regex KeyValue();
}
