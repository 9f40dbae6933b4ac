using System.Text.Json;
using MHA.Dashboard.Apis;
using MHA.Dashboard.Authentication;
using MHA.Dashboard.Authorization;
using MHA.Dashboard.Board;
using MHA.Dashboard.Hubs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace MHA.Dashboard.Extensions;

/// <summary>Wires the board: options, JSON naming, SignalR, push registration, sign-in and authorization, and its endpoints and page.</summary>
public static class BoardServiceExtensions
{
    /// <param name="developmentTokensAllowed">False in the Azure profile, which refuses development tokens.</param>
    public static IHostApplicationBuilder AddOccupancyBoard(this IHostApplicationBuilder builder, bool developmentTokensAllowed = true)
    {
        builder.Services.AddOptions<BoardOptions>().Bind(builder.Configuration.GetSection(BoardOptions.Section))
            .Validate(o => o.AmberThresholdPct > 0 && o.AmberThresholdPct <= o.RedThresholdPct, "Board:AmberThresholdPct must be > 0 and ≤ Board:RedThresholdPct.")
            .ValidateOnStart();
        builder.Services.AddOptions<IngestOptions>().Bind(builder.Configuration.GetSection(IngestOptions.Section))
            .Validate(o => o.MaxRequestBytes > 0, "Ingest:MaxRequestBytes must be positive.")
            .ValidateOnStart();

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton<BoardHostObserver>();
        builder.Services.AddHostedService<BoardHostRegistration>();
        builder.Services.AddBoardAuthentication(builder.Configuration, developmentTokensAllowed);
        builder.Services.AddBoardAuthorization();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapOccupancyBoard(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(BoardServiceExtensions).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.UseAuthentication();
        app.UseAuthorization();

        // Anonymous by decision: probes carry no data. Static board files are served before routing and hold no data either.
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive").AllowAnonymous();
        app.MapAuthApi();
        app.MapOccupancyApi();
        app.MapEventsApi();
        app.MapLandingApi();
        app.MapQualityApi();
        app.MapPipelineApi();
        app.MapAlertsApi();
        // A connection outlives no token: it closes when the token it was opened with expires.
        app.MapHub<OccupancyHub>(OccupancyHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
