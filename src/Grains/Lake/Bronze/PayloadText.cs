using System.Text;

namespace MHA.Grains.Lake.Bronze;

/// <summary>Turns received bytes into Bronze's payload text without losing a byte: UTF-8 when valid, else base64.</summary>
public static class PayloadText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string Payload, string Encoding) Of(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return (StrictUtf8.GetString(bytes), "utf8");
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(bytes), "base64");
        }
    }

    /// <summary>The received bytes back from a Bronze payload and its encoding.</summary>
    public static byte[] BytesOf(string payload, string? encoding) =>
        encoding == "base64" ? Convert.FromBase64String(payload) : Encoding.UTF8.GetBytes(payload);
}
