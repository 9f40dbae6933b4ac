using MHA.Dashboard.Extensions;
using MHA.Silo.Extensions;
using MHA.Silo.Feed;

namespace MHA.Silo;

/// <summary>Builds the host: one Orleans silo with the board and its APIs in the same process (the embedded default).</summary>
public static class SiloApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddOccupancyEngine();
        builder.AddOccupancyBoard();
        builder.AddSimulatedFeed();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapOccupancyBoard();
        return app;
    }
}
