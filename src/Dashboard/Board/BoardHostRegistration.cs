using MHA.Grains;
using MHA.Grains.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MHA.Dashboard.Board;

/// <summary>Registers this web host's observer with the cluster's board host registry, and renews it while the host runs.</summary>
public sealed class BoardHostRegistration(
    IGrainFactory grains,
    BoardHostObserver observer,
    IOptions<EngineOptions> options,
    ILogger<BoardHostRegistration> logger) : BackgroundService
{
    private readonly string _hostId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IOccupancyBoardObserver>(observer);
        var registry = grains.GetGrain<IBoardHostRegistryGrain>(0);
        using var timer = new PeriodicTimer(options.Value.BoardHostRenewInterval);
        do
        {
            try
            {
                await registry.RegisterAsync(_hostId, reference);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Board host registration failed, will retry: {Error}", ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IBoardHostRegistryGrain>(0).UnregisterAsync(_hostId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogDebug("Board host unregistration skipped: {Error}", ex.Message);
        }

        await base.StopAsync(cancellationToken);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
