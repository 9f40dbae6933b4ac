namespace MHA.Grains.Grains;

/// <summary>
/// The cluster-wide list of web hosts that serve the board (key 0). Hosts renew their registration every few seconds;
/// a host that stops renewing (its silo died) is dropped.
/// </summary>
public interface IBoardHostRegistryGrain : IGrainWithIntegerKey
{
    Task RegisterAsync(string hostId, IOccupancyBoardObserver observer);

    Task UnregisterAsync(string hostId);

    Task<IReadOnlyList<IOccupancyBoardObserver>> GetObserversAsync();
}
