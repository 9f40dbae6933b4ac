using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>
/// A per-silo push notifier: coalesces department snapshots for a short interval and fans them out to every
/// registered web host, so an update processed on one silo reaches browsers connected to any silo.
/// </summary>
public interface IOccupancyPushGrain : IGrainWithIntegerKey
{
    Task PublishAsync(DepartmentOccupancy snapshot);
}
