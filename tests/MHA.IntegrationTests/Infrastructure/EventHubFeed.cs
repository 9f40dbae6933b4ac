using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure.Messaging.EventHubs;
using Orleans.Streaming.EventHubs.Testing;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// A finite, growable stand-in for an event hub's partitions: events are appended per partition with increasing
/// sequence numbers and numeric offsets; a receiver opened at a checkpoint offset reads from that event on (inclusive,
/// like Event Hubs), or from the start without one, and returns nothing once it has caught up (unlike the Orleans data
/// generator, it never loops). A rewind makes the next receiver of a partition start earlier, as after a crash whose
/// checkpoint was behind what had been delivered.
/// </summary>
public sealed class EventHubFeed
{
    private readonly Dictionary<string, List<EventData>> _partitions;
    private readonly Dictionary<string, int> _rewinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public EventHubFeed(int partitionCount)
    {
        PartitionIds = Enumerable.Range(0, partitionCount).Select(i => $"partition-{i}").ToArray();
        _partitions = PartitionIds.ToDictionary(p => p, _ => new List<EventData>(), StringComparer.Ordinal);
    }

    public string[] PartitionIds { get; }

    /// <summary>Appends a body to a partition, as a producer would send it (partition key optional, no properties).</summary>
    public EventData Append(string partition, byte[] body, string? partitionKey)
    {
        lock (_lock)
        {
            var events = _partitions[partition];
            long sequence = events.Count;
            var offset = (1_000 + sequence * 64).ToString(CultureInfo.InvariantCulture);
            var data = EventHubsModelFactory.EventData(new BinaryData(body), partitionKey: partitionKey, sequenceNumber: sequence,
                offsetString: offset, enqueuedTime: DateTimeOffset.UtcNow);
            events.Add(data);
            return data;
        }
    }

    /// <summary>The next receiver of <paramref name="partition"/> starts this many events before its checkpoint.</summary>
    public void RewindOnNextOpen(string partition, int events)
    {
        lock (_lock) _rewinds[partition] = events;
    }

    public long LastSequenceNumber(string partition)
    {
        lock (_lock) return _partitions[partition].Count - 1;
    }

    /// <summary>Events handed to receivers so far, redeliveries included.</summary>
    public int Served
    {
        get
        {
            lock (_lock) return _served.Values.Sum();
        }
    }

    public int Count
    {
        get
        {
            lock (_lock) return _partitions.Values.Sum(p => p.Count);
        }
    }

    /// <summary>A receiver of one partition from a checkpoint offset (<c>-1</c>: none, read from the earliest event).</summary>
    public IDataGenerator<EventData> Open(string partition, string offset)
    {
        lock (_lock)
        {
            var events = _partitions[partition];
            var start = offset == "-1" ? 0 : events.FindIndex(e => e.OffsetString == offset);
            if (start < 0) throw new InvalidOperationException($"No event at offset {offset} in {partition}.");
            if (_rewinds.Remove(partition, out var rewind)) start = Math.Max(0, start - rewind);
            return new Reader(this, partition, start);
        }
    }

    private sealed class Reader(EventHubFeed feed, string partition, int position) : IDataGenerator<EventData>
    {
        public bool TryReadEvents(int maxCount, [NotNullWhen(true)] out IEnumerable<EventData>? events)
        {
            lock (feed._lock)
            {
                var available = feed._partitions[partition];
                var count = Math.Min(maxCount, available.Count - position);
                if (count <= 0)
                {
                    events = null;
                    return false;
                }

                events = available.GetRange(position, count);
                position += count;
                feed._served[partition] = feed._served.GetValueOrDefault(partition) + count;
                return true;
            }
        }
    }
}
