using MHA.Dashboard.Authorization;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        if (await RequestBody.ReadAsync(context, limit) is not { } body)
        {
            return RequestBody.TooLarge(limit);
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
}
