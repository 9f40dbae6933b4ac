using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Alerts;

/// <summary>This silo's view of its webhook endpoints: which are disabled (410 Gone) and how the last attempt went.</summary>
public sealed class AlertEndpointHealth
{
    private readonly ConcurrentDictionary<string, AlertEndpointStatus> _status = new(StringComparer.Ordinal);

    public AlertEndpointHealth(IOptions<AlertOptions> options)
    {
        foreach (var (name, _) in options.Value.NamedEndpoints()) _status[name] = new AlertEndpointStatus(name, false, null, null, null);
    }

    public IReadOnlyList<AlertEndpointStatus> All => _status.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    public bool IsDisabled(string name) => _status.TryGetValue(name, out var s) && s.Disabled;

    /// <summary>Disables the endpoint; true only for the call that disabled it (concurrent 410s of one endpoint audit it once).</summary>
    public bool Disable(string name, string reason)
    {
        while (true)
        {
            if (!_status.TryGetValue(name, out var current))
            {
                if (_status.TryAdd(name, new AlertEndpointStatus(name, true, reason, null, reason))) return true;
                continue;
            }

            if (current.Disabled) return false;
            if (_status.TryUpdate(name, current with { Disabled = true, DisabledReason = reason }, current)) return true;
        }
    }

    public void Delivered(string name, DateTimeOffset at) => _status.AddOrUpdate(name, n => new AlertEndpointStatus(n, false, null, at, null), (_, s) => s with { LastDeliveredAt = at, LastError = null });

    public void Failed(string name, string error) => _status.AddOrUpdate(name, n => new AlertEndpointStatus(n, false, null, null, error), (_, s) => s with { LastError = error });
}
