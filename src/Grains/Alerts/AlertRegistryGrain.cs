using System.Text.Json;
using MHA.Grains.Lake.Storage;
using Microsoft.Extensions.Logging;

namespace MHA.Grains.Alerts;

/// <summary>
/// Keeps the active alerts, and a copy of them in the lake (<c>alerts/active.json</c>) so that after a restart a
/// condition that still holds is not raised, and delivered, a second time. The copy is best effort: when the lake is
/// unwritable (itself an alert) the grain keeps working from memory and writes on the next change.
/// </summary>
public sealed class AlertRegistryGrain(ILakeStorage storage, ILogger<AlertRegistryGrain> logger) : Grain, IAlertRegistryGrain
{
    internal const string StatePath = "alerts/active.json";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly Dictionary<string, ActiveAlert> _active = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            if ((await storage.ListAsync(StatePath, cancellationToken)).Any(f => f.Path == StatePath))
            {
                var saved = JsonSerializer.Deserialize<ActiveAlert[]>(await storage.ReadAsync(StatePath, cancellationToken), Json) ?? [];
                foreach (var alert in saved) _active[alert.Key] = alert;
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            logger.LogWarning("Active alerts could not be read from the lake, starting empty: {Error}", ex.Message);
        }
    }

    public async Task<bool> TryRaiseAsync(ActiveAlert alert)
    {
        if (!_active.TryAdd(alert.Key, alert)) return false;
        await SaveAsync();
        return true;
    }

    public async Task<ActiveAlert?> TryResolveAsync(string key)
    {
        if (!_active.Remove(key, out var alert)) return null;
        await SaveAsync();
        return alert;
    }

    public Task<IReadOnlyList<ActiveAlert>> GetActiveAsync() =>
        Task.FromResult<IReadOnlyList<ActiveAlert>>(_active.Values.OrderBy(a => a.RaisedAt).ThenBy(a => a.Key, StringComparer.Ordinal).ToArray());

    private async Task SaveAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await storage.WriteAsync(StatePath, JsonSerializer.SerializeToUtf8Bytes(_active.Values.ToArray(), Json), timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Active alerts could not be saved to the lake (kept in memory): {Error}", ex.Message);
        }
    }
}
