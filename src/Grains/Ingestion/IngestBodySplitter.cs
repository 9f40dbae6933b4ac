using System.Text.Json;

namespace MHA.Grains.Ingestion;

/// <summary>
/// Splits a received body into items without judging them: a JSON array into its elements, otherwise NDJSON lines
/// (a single JSON object spanning several lines is one item). Each item keeps its exact bytes.
/// </summary>
public static class IngestBodySplitter
{
    public static List<ReceivedItem> Split(ReadOnlyMemory<byte> body)
    {
        // A UTF-8 byte-order mark can only open the body; inside it, those bytes belong to characters.
        if (body.Span.StartsWith(Utf8ByteOrderMark)) body = body[Utf8ByteOrderMark.Length..];
        var span = body.Span;
        var start = 0;
        while (start < span.Length && IsWhitespace(span[start])) start++;
        if (start == span.Length) return [];

        if (span[start] == (byte)'[') return SplitArray(body, start);
        if (span[start] == (byte)'{' && IsSingleValue(span[start..])) return [new ReceivedItem(0, Trim(body[start..]))];
        return SplitLines(body);
    }

    private static List<ReceivedItem> SplitArray(ReadOnlyMemory<byte> body, int start)
    {
        var items = new List<ReceivedItem>();
        var reader = new Utf8JsonReader(body.Span[start..], new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            reader.Read(); // [
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var itemStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var itemEnd = (int)reader.BytesConsumed;
                items.Add(new ReceivedItem(items.Count, body.Slice(start + itemStart, itemEnd - itemStart)));
            }
        }
        catch (JsonException ex)
        {
            var consumed = start + (int)reader.BytesConsumed;
            items.Add(new ReceivedItem(items.Count, body[consumed..], $"malformed JSON array at byte {consumed}; the rest of the body could not be read ({ex.Message})"));
        }

        return items;
    }

    private static List<ReceivedItem> SplitLines(ReadOnlyMemory<byte> body)
    {
        var items = new List<ReceivedItem>();
        var span = body.Span;
        var lineStart = 0;
        while (lineStart <= span.Length)
        {
            var newline = span[lineStart..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? span.Length : lineStart + newline;
            var line = Trim(body[lineStart..lineEnd]);
            if (!line.IsEmpty) items.Add(new ReceivedItem(items.Count, line));
            if (newline < 0) break;
            lineStart = lineEnd + 1;
        }

        return items;
    }

    private static bool IsSingleValue(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read()) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        int start = 0, end = span.Length;
        while (start < end && IsWhitespace(span[start])) start++;
        while (end > start && IsWhitespace(span[end - 1])) end--;
        return bytes[start..end];
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
