using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>A web host's receiver of board updates; wraps that host's SignalR hub context.</summary>
public interface IOccupancyBoardObserver : IGrainObserver
{
    Task OnOccupancyChanged(OccupancyUpdate update);
}
