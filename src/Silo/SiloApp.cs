using MHA.Dashboard.Extensions;
using MHA.Silo.Batch;
using MHA.Silo.Alerts;
using MHA.Silo.Extensions;
using MHA.Silo.Feed;
using MHA.Silo.Lake;
using MHA.Silo.Profiles;

namespace MHA.Silo;

/// <summary>Builds the host: one Orleans silo with the board and its APIs in the same process, in the chosen profile (<see cref="EngineProfile"/>).</summary>
public static class SiloApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json ships next to the binary: found whatever folder `dotnet run` is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var profile = builder.AddProfileSettings();
        builder.AddPatientKeys();
        builder.AddLakeWriter();
        builder.AddOccupancyEngine();
        builder.AddLakeJobs();
        builder.AddBatchIngestion();
        builder.AddAlerts();
        builder.AddOccupancyBoard(developmentTokensAllowed: profile != EngineProfile.Azure);
        builder.AddSimulatedFeed();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapOccupancyBoard();
        return app;
    }
}
