using System.Text.Json;

namespace MHA.Bench.Workload;

/// <summary>The network's occupied beds as the board's API shows them (<c>GET /api/occupancy</c>, read from the hospital grains).</summary>
public static class BoardOccupancy
{
    public static async Task<int> OccupiedAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        await using var body = await admin.GetStreamAsync("/api/occupancy", cancellationToken);
        using var network = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return network.RootElement.GetProperty("occupied").GetInt32();
    }

    /// <summary>Occupied beds per "hospital/department", as <c>GET /api/occupancy</c> shows them.</summary>
    public static async Task<Dictionary<string, int>> ByDepartmentAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        await using var body = await admin.GetStreamAsync("/api/occupancy", cancellationToken);
        using var network = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return network.RootElement.GetProperty("hospitals").EnumerateArray()
            .SelectMany(h => h.GetProperty("departments").EnumerateArray())
            .ToDictionary(d => $"{d.GetProperty("hospital_id").GetInt32()}/{d.GetProperty("department").GetString()}", d => d.GetProperty("occupied").GetInt32());
    }

    /// <summary>Waits until the board shows <paramref name="expected"/> occupied beds; returns what it shows last.</summary>
    public static async Task<int> WaitForAsync(HttpClient admin, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        int occupied;
        while ((occupied = await OccupiedAsync(admin, cancellationToken)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        return occupied;
    }
}
