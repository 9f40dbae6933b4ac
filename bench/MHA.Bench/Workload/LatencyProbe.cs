using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MHA.Bench.Workload;

/// <summary>
/// Measures ingest → <c>occupancy</c> message at a real SignalR client. Each probe is an admission of a new patient to
/// one department of a hospital no other traffic touches, so that department's occupied count names the last probe
/// applied: a message showing <c>n</c> occupied completes every probe up to <c>n</c> (the board coalesces updates).
/// </summary>
public sealed class LatencyProbe : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly int _hospitalId;
    private readonly string _department;
    private readonly ConcurrentDictionary<int, long> _sentAt = new();
    private readonly List<double> _latenciesMs = [];
    private readonly Lock _gate = new();
    private int _sent;
    private int _confirmedUpTo;

    private LatencyProbe(HubConnection connection, int hospitalId, string department)
    {
        _connection = connection;
        _hospitalId = hospitalId;
        _department = department;
        _connection.On<JsonElement>("occupancy", OnOccupancy);
    }

    public static async Task<LatencyProbe> ConnectAsync(Uri baseAddress, string token, int hospitalId, string department, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/occupancy"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower)
            .Build();
        var probe = new LatencyProbe(connection, hospitalId, department);
        await connection.StartAsync(cancellationToken);
        // The whole network, as a bed manager's board: every department's updates reach this client.
        await connection.InvokeAsync("SubscribeNetwork", cancellationToken);
        return probe;
    }

    public int Sent => _sent;

    public int Confirmed => Volatile.Read(ref _confirmedUpTo);

    public IReadOnlyList<double> LatenciesMs
    {
        get
        {
            lock (_gate) return _latenciesMs.ToArray();
        }
    }

    /// <summary>The next probe's NDJSON line; its clock starts when <see cref="MarkSent"/> is called with the returned number.</summary>
    public (int Number, byte[] Line) Next()
    {
        var number = Interlocked.Increment(ref _sent);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var json = $$"""{"event_id":"{{Guid.NewGuid()}}","event_type":"ADMISSION","event_time":"{{now}}","patient_id":"PROBE-{{number:D7}}","hospital_id":{{_hospitalId}},"department":"{{_department}}","bed_id":"PROBE-{{number}}","gender":"Female","age":40,"insurance_type":"Private","admission_time":"{{now}}","admission_priority":"Urgent"}""";
        return (number, Encoding.UTF8.GetBytes(json + "\n"));
    }

    public void MarkSent(int number) => _sentAt[number] = Stopwatch.GetTimestamp();

    private void OnOccupancy(JsonElement message)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        foreach (var department in message.GetProperty("departments").EnumerateArray())
        {
            if (department.GetProperty("hospital_id").GetInt32() != _hospitalId || department.GetProperty("department").GetString() != _department) continue;
            var occupied = department.GetProperty("occupied").GetInt32();
            lock (_gate)
            {
                for (var n = _confirmedUpTo + 1; n <= occupied; n++)
                {
                    if (_sentAt.TryRemove(n, out var sentAt)) _latenciesMs.Add(Stopwatch.GetElapsedTime(sentAt, receivedAt).TotalMilliseconds);
                }

                _confirmedUpTo = Math.Max(_confirmedUpTo, occupied);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
