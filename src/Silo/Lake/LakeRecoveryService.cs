using MHA.Grains.Lake;

namespace MHA.Silo.Lake;

/// <summary>
/// At start-up, before the host takes traffic: rebuilds the lake writer's memory and restores live occupancy by
/// replaying Silver into the grains, so a restart shows the board as it was.
/// </summary>
public sealed class LakeRecoveryService(LakeWriter lake, IClusterClient client, ILogger<LakeRecoveryService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await lake.InitializeAsync(cancellationToken);
        var replayed = await SilverReplay.ReplayAsync(lake.Storage, client, cancellationToken);
        if (replayed > 0) logger.LogInformation("Restored live occupancy from {Events} Silver events", replayed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
