using MHA.Grains.Grains;
using MHA.Grains.Lake;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>
/// When <c>Lake:WriterId</c> is not set (durable profiles), leases this silo's lake writer id from the cluster before the
/// writer takes rows, and renews it every third of its term.
/// </summary>
public sealed class LakeWriterLeaseService(
    LakeWriter lake,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<LakeOptions> options,
    TimeProvider time,
    ILogger<LakeWriterLeaseService> logger) : BackgroundService
{
    private static readonly TimeSpan Term = TimeSpan.FromSeconds(60);

    private bool Leased => options.Value.WriterId is null;

    /// <summary>Takes this silo's writer id (when leased); called once before the writer is initialized.</summary>
    public async Task ClaimAsync()
    {
        if (!Leased) return;
        lake.AssignWriter(await Registry.ClaimAsync(Holder, Term));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Leased) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Term / 3, time, stoppingToken);
                var id = await Registry.ClaimAsync(Holder, Term);
                if (id != lake.WriterId)
                {
                    logger.LogError("Lake writer id {Old} was given to another silo while this one held it; writing as {New} from now on", lake.WriterId, id);
                    lake.AssignWriter(id);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Could not renew the lake writer id lease, will try again: {Error}", ex.Message);
            }
        }
    }

    private ILakeWriterRegistryGrain Registry => grains.GetGrain<ILakeWriterRegistryGrain>(0);

    private string Holder => silo.SiloAddress.ToParsableString();
}
