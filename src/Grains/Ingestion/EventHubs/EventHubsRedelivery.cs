namespace MHA.Grains.Ingestion.EventHubs;

/// <summary>
/// Event Hubs delivers at least once: after a crash the checkpoint may be behind what was ingested. Within a partition
/// sequence numbers only grow, so an event at or below the highest sequence number already ingested from its partition
/// is a redelivery.
/// </summary>
public static class EventHubsRedelivery
{
    /// <summary>
    /// Splits delivered events into runs of one partition each (in delivery order) and keeps, per run, only the events
    /// above what was ingested from that partition so far (counting the runs before it).
    /// </summary>
    public static IReadOnlyList<EventHubsPartitionRun> FreshRuns(IEnumerable<EventHubsEvent> delivered, IReadOnlyDictionary<string, long> ingestedThrough)
    {
        var highest = new Dictionary<string, long>(ingestedThrough, StringComparer.Ordinal);
        var runs = new List<EventHubsPartitionRun>();
        List<EventHubsEvent>? current = null;
        string? partition = null;
        var skipped = 0;
        foreach (var e in delivered)
        {
            if (e.Partition != partition)
            {
                Close();
                partition = e.Partition;
                current = [];
                skipped = 0;
            }

            if (highest.TryGetValue(e.Partition, out var through) && e.SequenceNumber <= through)
            {
                skipped++;
                continue;
            }

            highest[e.Partition] = e.SequenceNumber;
            current!.Add(e);
        }

        Close();
        return runs;

        void Close()
        {
            if (partition is not null && (current!.Count > 0 || skipped > 0))
            {
                runs.Add(new EventHubsPartitionRun(partition, current, skipped));
            }
        }
    }
}

/// <summary>Consecutive delivered events of one partition: those not ingested yet, in order, and how many were redeliveries.</summary>
public sealed record EventHubsPartitionRun(string Partition, IReadOnlyList<EventHubsEvent> Fresh, int Redelivered)
{
    /// <summary>The ingest reference of the fresh events: <c>partition:firstSeq-lastSeq</c>.</summary>
    public string Reference => Fresh.Count == 0 ? Partition : $"{Partition}:{Fresh[0].SequenceNumber}-{Fresh[^1].SequenceNumber}";
}
