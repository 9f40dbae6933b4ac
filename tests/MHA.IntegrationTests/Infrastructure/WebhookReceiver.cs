using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// A real webhook receiver on loopback (Kestrel, port 0), as an on-call integration would run it: it checks the
/// Standard Webhooks signature with its own HMAC code (not the engine's signer) and rejects timestamps more than
/// 5 minutes off, answers each message id with <see cref="FailFirst"/> failures first (status <see cref="FailureStatus"/>),
/// then 200. Records every attempt and every accepted message.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1hbGVydC13ZWJob29rcw==";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attemptsById = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>How many attempts of each id fail before one is accepted.</summary>
    public int FailFirst { get; set; }

    public int FailureStatus { get; set; } = 500;

    /// <summary>Answers every attempt with <see cref="FailureStatus"/> (and Retry-After: 1) while set.</summary>
    public bool AlwaysFail { get; set; }

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    public ConcurrentQueue<Accepted> AcceptedMessages { get; } = new();

    /// <summary>The raw body of every request received, valid or not (for scans of what left the engine).</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
        return receiver;
    }

    /// <summary>Settings that point the engine's alert endpoint 0 at this receiver.</summary>
    public Dictionary<string, string?> EndpointSettings() => new()
    {
        ["Alerts:Endpoints:0:Name"] = "oncall",
        ["Alerts:Endpoints:0:Url"] = Url.ToString(),
        ["Alerts:Endpoints:0:Secret"] = Secret,
        ["Alerts:RetryInitialDelay"] = "00:00:00.200",
        ["Alerts:RetryMaxDelay"] = "00:00:01",
        ["Alerts:RetryAfterMax"] = "00:00:01",
    };

    public IReadOnlyList<Accepted> AcceptedOfType(string type) => AcceptedMessages.Where(m => m.Type == type).ToArray();

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Bodies.Enqueue(body);
        var id = request.Headers["webhook-id"].ToString();
        var timestampText = request.Headers["webhook-timestamp"].ToString();
        var signatures = request.Headers["webhook-signature"].ToString();
        var valid = long.TryParse(timestampText, out var timestamp)
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) <= 300
            && signatures.Split(' ').Contains("v1," + Convert.ToBase64String(
                HMACSHA256.HashData(Convert.FromBase64String(Secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
        string? type = null;
        JsonElement? json = null;
        if (valid)
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
            type = json.Value.GetProperty("type").GetString();
            valid = json.Value.GetProperty("id").GetString() == id;
        }

        Attempts.Enqueue(new Attempt(id, type, valid));
        if (!valid) return Results.StatusCode(StatusCodes.Status400BadRequest);
        var attempt = _attemptsById.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (AlwaysFail || attempt <= FailFirst)
        {
            return Results.Text("not now", statusCode: FailureStatus) is var failure && FailureStatus is 429 or 503
                ? new RetryAfter(failure)
                : failure;
        }

        AcceptedMessages.Enqueue(new Accepted(id, type!, json!.Value));
        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One request: its webhook-id, CloudEvents type, and whether signature, timestamp and id checked out.</summary>
    public sealed record Attempt(string Id, string? Type, bool Valid);

    /// <summary>A message answered 200.</summary>
    public sealed record Accepted(string Id, string Type, JsonElement Body)
    {
        public string Key => Body.GetProperty("data").GetProperty("key").GetString()!;
    }

    /// <summary>Adds <c>Retry-After: 1</c> to a failure answer.</summary>
    private sealed class RetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
