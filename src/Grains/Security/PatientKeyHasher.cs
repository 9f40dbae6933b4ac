using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace MHA.Grains.Security;

/// <summary>
/// Turns source identifiers into pseudonymous keys: <see cref="KeyOf"/> is the lowercase hex HMAC-SHA256 of the UTF-8
/// source patient id under a secret key, so Gold (and the patient grains) can join a patient's rows without holding the
/// id, and nobody without the secret can test a guessed id against a key. Keys are the full 64 hex digits: a
/// truncated key would risk merging two patients silently, and dim_patient is small next to the facts, which join on
/// <c>patient_sk</c>. docs/security.md explains the choices.
/// </summary>
public sealed class PatientKeyHasher
{
    /// <summary>32 bytes, the output size of SHA-256: less would make the key the weakest link (RFC 2104).</summary>
    public const int MinimumSecretBytes = 32;

    // Distinct inputs for the other uses of the secret, so a stay key or the fingerprint never equals a patient key.
    private static readonly byte[] FingerprintInput = "mha/patient-key/fingerprint/v1"u8.ToArray();
    private const string StayPrefix = "mha/stay-key/v1/";

    private const int StackBytes = 512;

    private readonly byte[] _secret;

    // One keyed HMAC per thread, reused: a one-shot HMACSHA256.HashData sets the key up again on every call, which
    // costs more than hashing a short id (Gold keys a million stays and patients per rebuild).
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public PatientKeyHasher(byte[] secret)
    {
        if (secret.Length < MinimumSecretBytes)
        {
            throw new ArgumentException($"The patient-key secret must hold at least {MinimumSecretBytes} bytes; it has {secret.Length}.", nameof(secret));
        }

        _secret = secret.ToArray();
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret));
        Fingerprint = Convert.ToHexStringLower(HMACSHA256.HashData(_secret, FingerprintInput))[..16];
    }

    /// <summary>
    /// Identifies the secret without revealing it (an HMAC of a fixed text): Gold records it, so a silo started with
    /// another secret refuses to rewrite Gold with different keys instead of changing them silently.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The pseudonymous key of a source patient id: 64 lowercase hex digits.</summary>
    public string KeyOf(string patientId) => Hmac(patientId);

    /// <summary>
    /// The pseudonymous key of a stay, from its hospital and the event id that opened it: event ids are the sender's
    /// (an EHR encounter number, or anything a sender chose, the patient id included), so Gold never shows them.
    /// </summary>
    public string StayKeyOf(int hospitalId, string stayId) => Hmac($"{StayPrefix}{hospitalId}/{stayId}");

    /// <summary>The lowercase hex HMAC-SHA256 of the UTF-8 <paramref name="text"/> under the secret.</summary>
    private string Hmac(string text)
    {
        var hmac = _hmac.Value!;
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = maxBytes > StackBytes ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[StackBytes];
            hmac.AppendData(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.GetHashAndReset(mac);
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads a configured secret: base64 (surrounding whitespace ignored) of at least <see cref="MinimumSecretBytes"/> bytes.</summary>
    public static bool TryParseSecret(string? text, out byte[] secret, out string error)
    {
        secret = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "it is empty";
            return false;
        }

        try
        {
            secret = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            error = "it is not base64 (create one with: openssl rand -base64 32)";
            return false;
        }

        if (secret.Length < MinimumSecretBytes)
        {
            error = $"it decodes to {secret.Length} bytes; at least {MinimumSecretBytes} are required (openssl rand -base64 32)";
            return false;
        }

        error = "";
        return true;
    }
}
