using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MHA.Bench.Workload;

/// <summary>Posts NDJSON bodies to <c>POST /api/events</c> as a sender would: waits when told to (429, Retry-After) and counts what was accepted.</summary>
public sealed class IngestSender(HttpClient http)
{
    private long _accepted, _rejected, _throttled;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Throttled => Interlocked.Read(ref _throttled);

    public async Task PostAsync(byte[] ndjson, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var content = new ByteArrayContent(ndjson);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await http.PostAsync("/api/events", content, cancellationToken);
            // 429, and 503 while the lake catches up: the engine's backpressure, with Retry-After.
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref _throttled);
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(200), cancellationToken);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted) throw new HttpRequestException($"Ingest answered {(int)response.StatusCode}: {body}");
            using var answer = JsonDocument.Parse(body);
            Interlocked.Add(ref _accepted, answer.RootElement.GetProperty("accepted").GetInt64());
            Interlocked.Add(ref _rejected, answer.RootElement.GetProperty("rejected").GetInt64());
            return;
        }
    }

    /// <summary>Posts every body, <paramref name="concurrency"/> requests at a time, in order of starting.</summary>
    public async Task PostAllAsync(IReadOnlyList<byte[]> bodies, int concurrency, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count) await PostAsync(bodies[index], cancellationToken);
        }));
    }
}
