using System.Collections.Concurrent;
using System.Text.Json;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Grains.Alerts;

/// <summary>
/// The durable outbox of webhook messages: each entry is written to the lake (<c>alerts/outbox/{writer}/{id}.json</c>)
/// before delivery starts and moved to <c>alerts/delivered/{day}/</c> once every endpoint accepted it, so a restart
/// sends what was pending. Each silo has its own folder (<see cref="AlertOptions.OutboxId"/>, by default its instance
/// id, which stays the same across restarts, unlike a leased lake writer id), so silos sharing a lake do not send each
/// other's entries. When the lake is unwritable (one of the alerts!) an entry is kept in memory, delivered anyway, and
/// its write is retried on every <see cref="SyncAsync"/>: an alert is never held back by the storage it reports on.
/// </summary>
public sealed class AlertOutbox(LakeWriter lake, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertOutbox> logger)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Slot> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly SemaphoreSlim _syncing = new(1, 1);

    private string Folder => $"alerts/outbox/{options.Value.OutboxId ?? "0"}/";

    /// <summary>Entries not yet accepted by every endpoint, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Pending =>
        _entries.Values.Select(s => s.Entry).Where(e => e.Endpoints.Count > 0).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Entries whose stored copy is out of date (not written yet, or delivered but not yet moved).</summary>
    public int Unsynced => _entries.Values.Count(s => !s.Stored);

    /// <summary>Adds an entry and tries to write it at once; a failed write is retried by <see cref="SyncAsync"/>.</summary>
    public async Task AddAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        _entries[entry.Id] = new Slot(entry, Stored: false);
        await SyncAsync(cancellationToken);
        Signal();
    }

    /// <summary>Reads the entries a previous run of this silo left pending.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        foreach (var file in await lake.Storage.ListAsync(Folder, cancellationToken))
        {
            if (!file.Path.EndsWith(".json", StringComparison.Ordinal)) continue;
            try
            {
                var entry = JsonSerializer.Deserialize<OutboxEntry>(await lake.Storage.ReadAsync(file.Path, cancellationToken), Json);
                if (entry is not null) _entries.TryAdd(entry.Id, new Slot(entry, Stored: true));
            }
            catch (JsonException ex)
            {
                logger.LogError("Outbox entry {Path} is unreadable and is skipped: {Error}", file.Path, ex.Message);
            }
        }

        if (!_entries.IsEmpty) logger.LogInformation("Alert outbox: {Count} pending webhook messages from a previous run", _entries.Count);
        Signal();
    }

    /// <summary>The endpoint accepted the entry (or gave up on it): it is no longer pending there.</summary>
    public void Complete(string id, string endpoint)
    {
        while (_entries.TryGetValue(id, out var slot))
        {
            var next = slot with { Entry = slot.Entry with { Endpoints = slot.Entry.Endpoints.Where(e => e != endpoint).ToArray() }, Stored = false };
            if (_entries.TryUpdate(id, next, slot)) break;
        }

        Signal();
    }

    /// <summary>Brings the lake up to date: writes unwritten entries, moves delivered ones to <c>alerts/delivered/</c>. Never throws for storage errors.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        await _syncing.WaitAsync(cancellationToken);
        try
        {
            foreach (var slot in _entries.Values.Where(s => !s.Stored).ToArray())
            {
                var entry = slot.Entry;
                var path = $"{Folder}{entry.Id}.json";
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(WriteTimeout);
                    if (entry.Endpoints.Count == 0)
                    {
                        var day = LakePaths.Day(time.GetUtcNow());
                        await lake.Storage.WriteAsync($"alerts/delivered/{day}/{entry.Id}.json", JsonSerializer.SerializeToUtf8Bytes(entry, Json), timeout.Token);
                        if (slot.Stored || (await lake.Storage.ListAsync(path, timeout.Token)).Any(f => f.Path == path))
                        {
                            await lake.Storage.DeleteAsync(path, timeout.Token);
                        }

                        _entries.TryRemove(new KeyValuePair<string, Slot>(entry.Id, slot));
                    }
                    else
                    {
                        await lake.Storage.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(entry, Json), timeout.Token);
                        _entries.TryUpdate(entry.Id, slot with { Stored = true }, slot);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning("Alert outbox entry {Id} could not be written to the lake, kept in memory and retried: {Error}", entry.Id, ex.Message);
                }
            }
        }
        finally
        {
            _syncing.Release();
        }
    }

    /// <summary>Waits until an entry was added or completed, or <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changed.WaitAsync(timeout, cancellationToken);

    private void Signal()
    {
        try
        {
            if (_changed.CurrentCount == 0) _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>An entry and whether the lake holds its current state.</summary>
    private sealed record Slot(OutboxEntry Entry, bool Stored);
}
