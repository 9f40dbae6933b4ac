using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MHA.Producer.Simulation;

namespace MHA.Producer.Sinks;

/// <summary>
/// Posts each batch as one NDJSON body to the engine's ingestion endpoint (<c>POST /api/events</c>).
/// On 429/503 it waits as long as <c>Retry-After</c> says and resends the same batch; other failures are retried
/// with exponential backoff a few times, then the run fails. Given several targets (one per silo), a batch that
/// fails on one (connection refused or reset, timeout, server error) is resent to the next: the engine counts a
/// resent event once.
/// </summary>
internal sealed class HttpNdjsonSink(HttpClient client, IReadOnlyList<Uri> targets, string? bearerToken, HttpRetrySettings retry, TimeProvider time, TextWriter log)
    : IEventSink
{
    private static readonly MediaTypeHeaderValue NdjsonContentType = new("application/x-ndjson");
    private int _current;

    public HttpNdjsonSink(HttpClient client, Uri target, string? bearerToken, HttpRetrySettings retry, TimeProvider time, TextWriter log)
        : this(client, [target], bearerToken, retry, time, log)
    {
    }

    private Uri Target => targets[_current];

    /// <summary>After a failure that another silo may not share: use the next target from now on.</summary>
    private void MoveOn()
    {
        if (targets.Count > 1) _current = (_current + 1) % targets.Count;
    }

    public async Task SendAsync(IReadOnlyList<GeneratedEvent> batch, CancellationToken cancellationToken)
    {
        var body = BuildBody(batch);
        var throttled = 0;
        var failures = 0;
        while (true)
        {
            string problem;
            TimeSpan wait;
            var attempted = Target;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, attempted) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = NdjsonContentType;
                if (!string.IsNullOrEmpty(bearerToken))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
                }

                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                problem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    if (++throttled > retry.MaxThrottledRetries)
                    {
                        throw new SinkFailedException($"{attempted} kept answering {problem} after {retry.MaxThrottledRetries} retries.");
                    }

                    wait = RetryAfter(response) ?? Backoff(Math.Min(throttled, 6));
                }
                else
                {
                    if (++failures > retry.MaxFailureRetries)
                    {
                        throw new SinkFailedException($"{attempted} answered {problem}; gave up after {retry.MaxFailureRetries} retries.");
                    }

                    wait = Backoff(failures);
                    MoveOn();
                }
            }
            catch (HttpRequestException ex)
            {
                problem = ex.Message;
                MoveOn();
                if (++failures > retry.MaxFailureRetries)
                {
                    throw new SinkFailedException($"Could not reach {attempted}: {ex.Message}; gave up after {retry.MaxFailureRetries} retries.", ex);
                }

                wait = Backoff(failures);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient reports its own timeout as a cancellation.
                problem = "request timed out";
                MoveOn();
                if (++failures > retry.MaxFailureRetries)
                {
                    throw new SinkFailedException($"{attempted} timed out; gave up after {retry.MaxFailureRetries} retries.", ex);
                }

                wait = Backoff(failures);
            }

            await log.WriteLineAsync($"producer: {problem}; retrying the batch of {batch.Count} in {wait.TotalSeconds:0.###} s");
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static byte[] BuildBody(IReadOnlyList<GeneratedEvent> batch)
    {
        var text = new StringBuilder();
        foreach (var e in batch)
        {
            text.Append(e.Json).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The Retry-After header as a wait, whether given in seconds or as an HTTP date; null when absent.</summary>
    internal TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };

        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > retry.MaxRetryAfter ? retry.MaxRetryAfter : wait;
    }

    private TimeSpan Backoff(int attempt) => retry.InitialBackoff * Math.Pow(2, attempt - 1);
}
