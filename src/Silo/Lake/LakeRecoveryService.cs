using MHA.Grains.Catalog;
using MHA.Grains.Grains;
using MHA.Grains.Lake;

namespace MHA.Silo.Lake;

/// <summary>
/// At start-up, before the host takes traffic: takes the lake writer id (leased in the durable profiles), rebuilds the
/// lake writer's memory (where its sequence continues) and
/// wakes every hospital grain, which rebuilds its census from Silver when it activates, so a restarted silo shows the
/// board as it was.
/// </summary>
public sealed class LakeRecoveryService(
    LakeWriter lake,
    LakeWriterLeaseService writerLease,
    HospitalCatalog catalog,
    IClusterClient client,
    ILogger<LakeRecoveryService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await writerLease.ClaimAsync();
        await lake.InitializeAsync(cancellationToken);
        var occupied = await Task.WhenAll(catalog.Hospitals.Select(h => client.GetGrain<IHospitalGrain>(h.Id).GetOccupancyAsync()));
        logger.LogInformation("Hospitals ready: {Occupied} beds occupied", occupied.Sum(h => h.Occupied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
