using MHA.Dashboard.Authorization;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MHA.Dashboard.Apis;

/// <summary><c>POST /api/events</c>: a JSON array or NDJSON of ADT events; 202 with accepted/rejected counts and reasons.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", PostEventsAsync)
            .RequireAuthorization(BoardPolicies.IngestEvents)
            .DisableAntiforgery()
            .WithTags("Ingest");
        return app;
    }

    private static async Task<IResult> PostEventsAsync(HttpContext context, EventIngestor ingestor, IOptions<IngestOptions> options)
    {
        var limit = options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request.Body, limit, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            return TooLarge(limit);
        }

        var items = IngestBodySplitter.Split(body);
        if (items.Count == 0)
        {
            return Results.Problem("The body holds no events: send a JSON array or NDJSON (one JSON object per line).", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var result = await ingestor.IngestAsync(items, IngestSource.Http(context.TraceIdentifier), context.RequestAborted);
            return Results.Json(result, statusCode: StatusCodes.Status202Accepted);
        }
        catch (IngestThrottledException throttled)
        {
            // Nothing of this body was taken: the sender retries the same body later.
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(throttled.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(throttled.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) throw new InvalidDataException("Body over the limit.");
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge(long limit) =>
        Results.Problem($"The body is larger than {limit} bytes; split it into smaller batches.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
