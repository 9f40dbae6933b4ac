using System.Globalization;
using System.Text.Json;

namespace MHA.Silo.EventHubs;

/// <summary>
/// Reads the routing key of an Event Hubs body: its top-level <c>hospital_id</c>, read as leniently as the ingest parser
/// reads it (an integer, or a numeric string), so an event travels to the hospital the parser will place it in. Both
/// event shapes carry it; the body's other content is not looked at.
/// </summary>
public static class HospitalIdReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    public static bool TryRead(ReadOnlySpan<byte> body, out int hospitalId)
    {
        hospitalId = 0;
        try
        {
            var reader = new Utf8JsonReader(body, Options);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("hospital_id", out var value))
            {
                return false;
            }

            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetInt32(out hospitalId)
                    || (value.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue && Assign((int)d, out hospitalId)),
                JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out hospitalId),
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Assign(int value, out int target)
    {
        target = value;
        return true;
    }
}
