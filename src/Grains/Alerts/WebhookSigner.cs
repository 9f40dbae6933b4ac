using System.Security.Cryptography;
using System.Text;

namespace MHA.Grains.Alerts;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> + base64 HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed
/// with the base64-decoded part of a <c>whsec_</c> secret. Used to send and, by the producer's <c>--verify-webhook</c>, to check.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>The HMAC key of a <c>whsec_…</c> secret (the prefix is optional); throws a message without the secret when malformed.</summary>
    public static byte[] KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            var key = Convert.FromBase64String(encoded);
            if (key.Length == 0) throw new FormatException();
            return key;
        }
        catch (FormatException)
        {
            throw new FormatException("A webhook secret must be 'whsec_' followed by base64 bytes.");
        }
    }

    /// <summary>The <c>webhook-signature</c> header value for one message.</summary>
    public static string Sign(string secret, string id, long timestamp, string body) => Sign(KeyOf(secret), id, timestamp, body);

    public static string Sign(byte[] key, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>
    /// Whether <paramref name="signatureHeader"/> (space-separated <c>v1,…</c> entries) holds a valid signature and the
    /// timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string id, long timestamp, string body, string signatureHeader, DateTimeOffset now, TimeSpan tolerance)
    {
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, timestamp, body));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
