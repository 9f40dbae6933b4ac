using MHA.Grains.Alerts;

namespace MHA.UnitTests.Alerts;

/// <summary>Retry timing: exponential backoff with jitter in the upper half, a cap, and Retry-After honoured (capped).</summary>
public sealed class WebhookRetryPolicyTests
{
    private readonly WebhookRetryPolicy _policy = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30));

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(2, 2, 4)]
    [InlineData(3, 4, 8)]
    [InlineData(20, 150, 300)]
    public void Backoff_doubles_with_jitter_and_is_capped(int attempt, double minSeconds, double maxSeconds)
    {
        Assert.Equal(minSeconds, _policy.NextDelay(attempt, null, 0).TotalSeconds, 3);
        Assert.Equal(maxSeconds, _policy.NextDelay(attempt, null, 1).TotalSeconds, 3);
        Assert.InRange(_policy.NextDelay(attempt, null, 0.5).TotalSeconds, minSeconds, maxSeconds);
    }

    [Fact]
    public void Retry_after_is_never_undercut_and_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), _policy.NextDelay(1, TimeSpan.FromSeconds(120), 0.3));
        Assert.Equal(TimeSpan.FromMinutes(30), _policy.NextDelay(1, TimeSpan.FromHours(6), 0.3));
        // A Retry-After shorter than the backoff does not shorten it.
        Assert.InRange(_policy.NextDelay(3, TimeSpan.FromSeconds(1), 0).TotalSeconds, 4, 8);
    }
}
