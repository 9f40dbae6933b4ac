using System.Runtime;

namespace MHA.Bench.Measurement;

/// <summary>
/// The process's memory after two full, blocking, compacting collections (large objects compacted too, finalizers run
/// in between): <see cref="LiveBytes"/> is what is reachable, not garbage waiting for the next collection.
/// </summary>
public sealed record HeapSnapshot(long LiveBytes, long HeapBytes, long CommittedBytes, long WorkingSetBytes)
{
    public static HeapSnapshot Take()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return new HeapSnapshot(GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.TotalCommittedBytes, Environment.WorkingSet);
    }

    public static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:#,0.0} MiB";

    public override string ToString() =>
        $"live {Mib(LiveBytes)}, heap {Mib(HeapBytes)}, committed {Mib(CommittedBytes)}, working set {Mib(WorkingSetBytes)}";
}
