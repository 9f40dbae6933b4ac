using System.Security.Cryptography;
using System.Text;
using MHA.Grains.Security;

namespace MHA.UnitTests.Security;

/// <summary>Patient keys are HMAC-SHA256 as RFC 4231 defines it, 64 lowercase hex digits, bound to the secret; secrets are base64 of 32 bytes or more.</summary>
public sealed class PatientKeyHasherTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("unit-test secret of at least thirty-two bytes");

    [Fact]
    public void Keys_are_hmac_sha256_as_rfc_4231_test_case_6_gives_it()
    {
        // RFC 4231, 4.7: a 131-byte key of 0xaa and "Test Using Larger Than Block-Size Key - Hash Key First".
        var hasher = new PatientKeyHasher(Enumerable.Repeat((byte)0xaa, 131).ToArray());
        Assert.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", hasher.KeyOf("Test Using Larger Than Block-Size Key - Hash Key First"));
    }

    [Fact]
    public void A_key_is_64_lowercase_hex_digits_the_same_every_time_and_different_for_another_secret()
    {
        var hasher = new PatientKeyHasher(Secret);
        var key = hasher.KeyOf("P-000123");
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, new PatientKeyHasher(Secret).KeyOf("P-000123"));
        Assert.NotEqual(key, hasher.KeyOf("P-000124"));
        Assert.NotEqual(key, new PatientKeyHasher(RandomNumberGenerator.GetBytes(32)).KeyOf("P-000123"));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Secret, "Zoë-7"u8)), hasher.KeyOf("Zoë-7"));
    }

    [Fact]
    public void Stay_keys_and_the_fingerprint_never_equal_a_patient_key()
    {
        var hasher = new PatientKeyHasher(Secret);
        Assert.Matches("^[0-9a-f]{64}$", hasher.StayKeyOf(1, "e-1"));
        Assert.NotEqual(hasher.KeyOf("e-1"), hasher.StayKeyOf(1, "e-1"));
        Assert.NotEqual(hasher.StayKeyOf(1, "e-1"), hasher.StayKeyOf(2, "e-1"));
        Assert.Matches("^[0-9a-f]{16}$", hasher.Fingerprint);
        Assert.NotEqual(hasher.Fingerprint, new PatientKeyHasher(RandomNumberGenerator.GetBytes(32)).Fingerprint);
    }

    [Fact]
    public void Keys_made_on_many_threads_at_once_are_the_hmac_of_each_id_and_stay()
    {
        var hasher = new PatientKeyHasher(Secret);
        var ids = Enumerable.Range(0, 2_000).Select(i => i % 100 == 0 ? $"long-{new string('x', 600)}-{i}" : $"P-{i:D6}-ü").ToArray();

        var keys = ids.AsParallel().WithDegreeOfParallelism(8).Select(id => (Id: id, Key: hasher.KeyOf(id), StayKey: hasher.StayKeyOf(3, id))).ToArray();

        Assert.All(keys, k =>
        {
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes(k.Id))), k.Key);
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes($"mha/stay-key/v1/3/{k.Id}"))), k.StayKey);
        });
    }

    [Fact]
    public void A_secret_shorter_than_32_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PatientKeyHasher(new byte[31]));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("  ", false)]
    [InlineData("not base64!", false)]
    [InlineData("c2hvcnQ=", false)]
    [InlineData("  AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", true)]
    public void Configured_secrets_are_base64_of_at_least_32_bytes(string? text, bool usable)
    {
        Assert.Equal(usable, PatientKeyHasher.TryParseSecret(text, out var secret, out var error));
        if (usable) Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i), secret);
        else Assert.NotEmpty(error);
    }
}
