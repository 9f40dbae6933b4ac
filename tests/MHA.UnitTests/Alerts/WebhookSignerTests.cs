using MHA.Grains.Alerts;

namespace MHA.UnitTests.Alerts;

/// <summary>Standard Webhooks signing: the specification's published vector, and verification of timestamp and body.</summary>
public sealed class WebhookSignerTests
{
    // The example of the Standard Webhooks specification and its reference libraries.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";

    [Fact]
    public void Signs_the_known_vector() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSigner.Sign(Secret, Id, Timestamp, Body));

    [Fact]
    public void Verifies_a_valid_signature_among_several_and_rejects_a_changed_body_or_an_old_timestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(Timestamp + 60);
        var header = "v1,bm90IHRoaXMgb25l " + WebhookSigner.Sign(Secret, Id, Timestamp, Body);
        Assert.True(WebhookSigner.Verify(Secret, Id, Timestamp, Body, header, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSigner.Verify(Secret, Id, Timestamp, Body + " ", header, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSigner.Verify(Secret, "msg_other", Timestamp, Body, header, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSigner.Verify(Secret, Id, Timestamp, Body, header, now.AddMinutes(6), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_malformed_secret_is_refused_without_echoing_it()
    {
        var ex = Assert.Throws<FormatException>(() => WebhookSigner.KeyOf("whsec_not*base64"));
        Assert.DoesNotContain("not*base64", ex.Message);
    }
}
