using MHA.Grains.Alerts;
using MHA.Producer.Cli;

namespace MHA.UnitTests.Producer;

/// <summary>The producer's <c>--verify-webhook</c> mode, as a receiver runs it: valid exits 0, a changed body or a stale timestamp exits 1.</summary>
public sealed class WebhookVerifyCommandTests : IDisposable
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private readonly string _body = Path.Combine(Path.GetTempPath(), $"mha-webhook-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Accepts_a_valid_webhook_and_rejects_a_changed_body_or_a_stale_timestamp()
    {
        const string body = "{\"specversion\":\"1.0\",\"id\":\"abc\"}";
        await File.WriteAllTextAsync(_body, body, TestContext.Current.CancellationToken);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = WebhookSigner.Sign(Secret, "abc", now, body);

        Assert.Equal(0, await RunAsync("abc", now, signature));
        Assert.Equal(1, await RunAsync("abd", now, signature));
        var stale = now - 600;
        Assert.Equal(1, await RunAsync("abc", stale, WebhookSigner.Sign(Secret, "abc", stale, body)));
        await File.WriteAllTextAsync(_body, body + "\n", TestContext.Current.CancellationToken);
        Assert.Equal(1, await RunAsync("abc", now, signature));
    }

    private async Task<int> RunAsync(string id, long timestamp, string signature) =>
        await ProducerApp.RunAsync(
            ["--verify-webhook", "--secret", Secret, "--id", id, "--timestamp", timestamp.ToString(), "--signature", signature, "--body-file", _body],
            () => Stream.Null, TextWriter.Null, TextWriter.Null, _ => null, TestContext.Current.CancellationToken);

    public void Dispose() => File.Delete(_body);
}
