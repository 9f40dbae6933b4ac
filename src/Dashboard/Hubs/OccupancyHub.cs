using MHA.Dashboard.Authorization;
using MHA.Grains.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MHA.Dashboard.Hubs;

/// <summary>
/// The board's hub (<c>/hubs/occupancy</c>). Clients subscribe to the whole network or to one hospital and then receive
/// <c>occupancy</c> messages with the departments that changed. Connecting needs <see cref="BoardPolicies.ViewOccupancy"/>;
/// each subscription is checked against the caller's scope, so a forged hospital id joins nothing.
/// </summary>
[Authorize(Policy = BoardPolicies.ViewOccupancy)]
public sealed class OccupancyHub(HospitalCatalog catalog) : Hub
{
    public const string Path = "/hubs/occupancy";
    public const string OccupancyMessage = "occupancy";
    public const string NetworkGroup = "network";

    public static string HospitalGroup(int hospitalId) => $"hospital-{hospitalId}";

    /// <summary>Every hospital's updates: admins and analysts only.</summary>
    public Task SubscribeNetwork()
    {
        if (!Scope.SeesAllHospitals)
        {
            throw new HubException("Forbidden: your role sees only your own hospital; subscribe to it with SubscribeHospital.");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, NetworkGroup);
    }

    public Task UnsubscribeNetwork() => Groups.RemoveFromGroupAsync(Context.ConnectionId, NetworkGroup);

    public Task SubscribeHospital(int hospitalId)
    {
        if (!catalog.TryGetHospital(hospitalId, out _))
        {
            throw new HubException($"Unknown hospital {hospitalId}.");
        }

        if (!Scope.CanViewOccupancy(hospitalId))
        {
            throw new HubException($"Forbidden: your role does not cover hospital {hospitalId}.");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, HospitalGroup(hospitalId));
    }

    public Task UnsubscribeHospital(int hospitalId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, HospitalGroup(hospitalId));

    private AccessScope Scope => AccessScope.From(Context.User ?? new System.Security.Claims.ClaimsPrincipal(), catalog);
}
