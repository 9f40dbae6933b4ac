using System.Security.Cryptography;
using System.Text;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// The patient-key secret the in-process test hosts are configured with (<c>PatientKey:HmacSecret</c>), and Gold's keys
/// computed here independently of the engine's hasher, as docs/security.md defines them: lowercase hex HMAC-SHA256.
/// </summary>
public static class TestPatientKeys
{
    /// <summary>Base64 of 63 bytes of text: fixed, so a restarted host makes the same keys.</summary>
    public const string Secret = "TUhBIGludGVncmF0aW9uIHRlc3RzOiBwYXRpZW50LWtleSBITUFDIHNlY3JldCAobm90IGEgcmVhbCBvbmUp";

    /// <summary>dim_patient.patient_key of a source patient id under <paramref name="base64Secret"/> (default: <see cref="Secret"/>).</summary>
    public static string Of(string patientId, string base64Secret = Secret) => Hmac(base64Secret, patientId);

    /// <summary>fact_admission.stay_key of the stay a hospital opened with event <paramref name="eventId"/>.</summary>
    public static string StayOf(int hospitalId, string eventId, string base64Secret = Secret) => Hmac(base64Secret, $"mha/stay-key/v1/{hospitalId}/{eventId}");

    private static string Hmac(string base64Secret, string text)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(base64Secret));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
