using MHA.Dashboard.Authorization;
using MHA.Grains.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MHA.Dashboard.Hubs;

/// <summary>
/// The board's hub (<c>/hubs/occupancy</c>). Clients subscribe to the whole network or to one hospital and then
/// receive <c>occupancy</c> messages with the departments that changed.
/// </summary>
[Authorize(Policy = BoardPolicies.ViewOccupancy)]
public sealed class OccupancyHub(HospitalCatalog catalog) : Hub
{
    public const string Path = "/hubs/occupancy";
    public const string OccupancyMessage = "occupancy";
    public const string NetworkGroup = "network";

    public static string HospitalGroup(int hospitalId) => $"hospital-{hospitalId}";

    public Task SubscribeNetwork() => Groups.AddToGroupAsync(Context.ConnectionId, NetworkGroup);

    public Task UnsubscribeNetwork() => Groups.RemoveFromGroupAsync(Context.ConnectionId, NetworkGroup);

    public Task SubscribeHospital(int hospitalId)
    {
        if (!catalog.TryGetHospital(hospitalId, out _))
        {
            throw new HubException($"Unknown hospital {hospitalId}.");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, HospitalGroup(hospitalId));
    }

    public Task UnsubscribeHospital(int hospitalId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, HospitalGroup(hospitalId));
}
