using MHA.Grains.Alerts;
using Orleans.Runtime;

namespace MHA.Silo.Alerts;

/// <summary>
/// Follows the cluster's membership on this silo: a silo seen active that is declared dead raises
/// <c>silo_left/{endpoint}</c> (every survivor notices; the alert registry delivers it once); a silo becoming active
/// at that endpoint again resolves it.
/// </summary>
public sealed class SiloMembershipAlertService(IClusterMembershipService membership, ILocalSiloDetails local, IAlertPublisher alerts,
    ILogger<SiloMembershipAlertService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = new Dictionary<SiloAddress, SiloStatus>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    var before = seen.GetValueOrDefault(member.SiloAddress, SiloStatus.None);
                    seen[member.SiloAddress] = member.Status;
                    if (member.Status == before || member.SiloAddress.Equals(local.SiloAddress)) continue;
                    var key = $"silo_left/{member.SiloAddress.Endpoint}";
                    try
                    {
                        if (member.Status == SiloStatus.Dead && before is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping)
                        {
                            await alerts.RaiseAsync(new AlertSignal(key, AlertKinds.SiloLeft, AlertSeverity.Critical,
                                $"Silo {member.Name} ({member.SiloAddress.Endpoint}) left the cluster",
                                new Dictionary<string, string> { ["silo"] = member.Name ?? "", ["endpoint"] = member.SiloAddress.Endpoint.ToString() }), stoppingToken);
                        }
                        else if (member.Status == SiloStatus.Active)
                        {
                            await alerts.ResolveAsync(key, stoppingToken);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning("Silo membership alert for {Silo} failed: {Error}", member.SiloAddress, ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
