using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>A real SignalR client of <c>/hubs/occupancy</c> that records every <c>occupancy</c> message with its arrival time.</summary>
public sealed class BoardClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private BoardClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("occupancy", message => Messages.Enqueue((DateTimeOffset.UtcNow, message)));
    }

    public ConcurrentQueue<(DateTimeOffset ReceivedAt, JsonElement Message)> Messages { get; } = new();

    /// <summary>Connects with <paramref name="token"/> as the bearer token (sent as <c>access_token</c> on WebSockets).</summary>
    public static async Task<BoardClient> ConnectAsync(Uri baseAddress, string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/occupancy"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower)
            .Build();
        var client = new BoardClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task InvokeAsync(string method, params object[] args) => _connection.InvokeCoreAsync(method, args);

    /// <summary>Departments in messages received so far, as (hospital id, department, occupied, received at).</summary>
    public IEnumerable<(int HospitalId, string Department, int Occupied, DateTimeOffset ReceivedAt)> Departments() =>
        Messages.SelectMany(m => m.Message.GetProperty("departments").EnumerateArray().Select(d =>
            (d.GetProperty("hospital_id").GetInt32(), d.GetProperty("department").GetString()!, d.GetProperty("occupied").GetInt32(), m.ReceivedAt)));

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
