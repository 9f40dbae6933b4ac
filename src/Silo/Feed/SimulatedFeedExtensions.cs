namespace MHA.Silo.Feed;

/// <summary>Registers the built-in simulated feed (on by default; <c>SimulatedFeed:Enabled=false</c> turns it off).</summary>
public static class SimulatedFeedExtensions
{
    public static WebApplicationBuilder AddSimulatedFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatedFeedOptions>().Bind(builder.Configuration.GetSection(SimulatedFeedOptions.Section))
            .Validate(o => o.TimeScale > 0, "SimulatedFeed:TimeScale must be positive.")
            .Validate(o => o.DirtyFactor >= 0, "SimulatedFeed:DirtyFactor must be ≥ 0.")
            .ValidateOnStart();
        builder.Services.AddHostedService<SimulatedFeedService>();
        return builder;
    }
}
