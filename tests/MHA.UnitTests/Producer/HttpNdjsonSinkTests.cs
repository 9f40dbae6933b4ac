using System.Net;
using System.Text;
using MHA.Producer.Simulation;
using MHA.Producer.Sinks;

namespace MHA.UnitTests.Producer;

public sealed class HttpNdjsonSinkTests
{
    private static readonly Uri Target = new("http://localhost:5080/api/events");

    private static readonly GeneratedEvent[] Batch =
    [
        new(DateTimeOffset.UnixEpoch, 1, """{"event_id":"a"}""", null),
        new(DateTimeOffset.UnixEpoch, 2, """{"event_id":"b"}""", null),
    ];

    private static readonly HttpRetrySettings FastRetry = new() { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxFailureRetries = 2 };

    /// <summary>Answers requests from a script and records what it received.</summary>
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<(string Body, string? ContentType, string? Authorization)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Received.Add((body, request.Content.Headers.ContentType?.MediaType, request.Headers.Authorization?.ToString()));
            return answers[Math.Min(_next++, answers.Length - 1)]();
        }
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status);
        configure?.Invoke(response);
        return response;
    }

    /// <summary>A clock stopped at a fixed instant, for Retry-After dates.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Posts_the_batch_as_ndjson_with_the_bearer_token()
    {
        var handler = new ScriptedHandler(() => Answer(HttpStatusCode.Accepted));
        var sink = new HttpNdjsonSink(new HttpClient(handler), Target, "secret", FastRetry, TimeProvider.System, TextWriter.Null);

        await sink.SendAsync(Batch, TestContext.Current.CancellationToken);

        var request = Assert.Single(handler.Received);
        Assert.Equal("{\"event_id\":\"a\"}\n{\"event_id\":\"b\"}\n", request.Body);
        Assert.Equal("application/x-ndjson", request.ContentType);
        Assert.Equal("Bearer secret", request.Authorization);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Throttling_resends_the_same_batch_after_retry_after(HttpStatusCode status)
    {
        var handler = new ScriptedHandler(
            () => Answer(status, r => r.Headers.Add("Retry-After", "0")),
            () => Answer(status, r => r.Headers.Add("Retry-After", "0")),
            () => Answer(HttpStatusCode.OK));
        var log = new StringWriter();
        var sink = new HttpNdjsonSink(new HttpClient(handler), Target, null, FastRetry, TimeProvider.System, log);

        await sink.SendAsync(Batch, TestContext.Current.CancellationToken);

        Assert.Equal(3, handler.Received.Count);
        Assert.Single(handler.Received.Select(r => r.Body).Distinct());
        Assert.Null(handler.Received[0].Authorization);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), log.ToString());
    }

    [Fact]
    public async Task Retry_after_is_read_as_seconds_or_as_an_http_date()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var sink = new HttpNdjsonSink(new HttpClient(), Target, null, new HttpRetrySettings(), new StoppedClock(now), TextWriter.Null);

        using var seconds = Answer(HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "7"));
        using var date = Answer(HttpStatusCode.ServiceUnavailable, r => r.Headers.Add("Retry-After", now.AddSeconds(30).ToString("R")));
        using var huge = Answer(HttpStatusCode.ServiceUnavailable, r => r.Headers.Add("Retry-After", "86400"));
        using var none = Answer(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), sink.RetryAfter(seconds));
        Assert.Equal(TimeSpan.FromSeconds(30), sink.RetryAfter(date));
        Assert.Equal(new HttpRetrySettings().MaxRetryAfter, sink.RetryAfter(huge));
        Assert.Null(sink.RetryAfter(none));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Other_failures_are_retried_a_few_times_then_fail_clearly()
    {
        var handler = new ScriptedHandler(() => Answer(HttpStatusCode.InternalServerError));
        var sink = new HttpNdjsonSink(new HttpClient(handler), Target, null, FastRetry, TimeProvider.System, TextWriter.Null);

        var failure = await Assert.ThrowsAsync<SinkFailedException>(() => sink.SendAsync(Batch, TestContext.Current.CancellationToken));

        Assert.Equal(1 + FastRetry.MaxFailureRetries, handler.Received.Count);
        Assert.Contains("500", failure.Message);
        Assert.Contains(Target.ToString(), failure.Message);
    }

    [Fact]
    public async Task A_transient_failure_then_success_delivers_the_batch()
    {
        var handler = new ScriptedHandler(() => Answer(HttpStatusCode.BadGateway), () => Answer(HttpStatusCode.OK));
        var sink = new HttpNdjsonSink(new HttpClient(handler), Target, null, FastRetry, TimeProvider.System, TextWriter.Null);

        await sink.SendAsync(Batch, TestContext.Current.CancellationToken);

        Assert.Equal(2, handler.Received.Count);
    }

    [Fact]
    public void Body_is_utf8_ndjson()
    {
        var body = HttpNdjsonSink.BuildBody([new GeneratedEvent(DateTimeOffset.UnixEpoch, 1, "{\"n\":\"é\"}", null)]);

        Assert.Equal("{\"n\":\"é\"}\n", Encoding.UTF8.GetString(body));
    }

    /// <summary>Refuses connections to one host (a killed silo) and accepts everything else.</summary>
    private sealed class DeadHostHandler(string deadHost) : HttpMessageHandler
    {
        public List<Uri> Delivered { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Host == deadHost) throw new HttpRequestException("Connection refused");
            Delivered.Add(request.RequestUri);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted));
        }
    }

    [Fact]
    public async Task A_batch_the_first_silo_cannot_take_goes_to_the_next_target_and_later_batches_stay_there()
    {
        var handler = new DeadHostHandler("silo-a");
        Uri[] targets = [new("http://silo-a:5080/api/events"), new("http://silo-b:5081/api/events")];
        var log = new StringWriter();
        var sink = new HttpNdjsonSink(new HttpClient(handler), targets, null, FastRetry, TimeProvider.System, log);

        await sink.SendAsync(Batch, CancellationToken.None);
        await sink.SendAsync(Batch, CancellationToken.None);

        Assert.Equal([targets[1], targets[1]], handler.Delivered);
        Assert.Contains("retrying", log.ToString(), StringComparison.Ordinal);
    }
}
