using MHA.Dashboard.Hubs;
using MHA.Grains.Contracts;
using MHA.Grains.Grains;
using Microsoft.AspNetCore.SignalR;

namespace MHA.Dashboard.Board;

/// <summary>This web host's end of the push path: turns an <see cref="OccupancyUpdate"/> into hub messages per group.</summary>
public sealed class BoardHostObserver(IHubContext<OccupancyHub> hub) : IOccupancyBoardObserver
{
    public async Task OnOccupancyChanged(OccupancyUpdate update)
    {
        var sends = new List<Task> { hub.Clients.Group(OccupancyHub.NetworkGroup).SendAsync(OccupancyHub.OccupancyMessage, update) };
        foreach (var hospital in update.Departments.GroupBy(d => d.HospitalId))
        {
            var slice = update with { Departments = hospital.ToArray() };
            sends.Add(hub.Clients.Group(OccupancyHub.HospitalGroup(hospital.Key)).SendAsync(OccupancyHub.OccupancyMessage, slice));
        }

        await Task.WhenAll(sends);
    }
}
