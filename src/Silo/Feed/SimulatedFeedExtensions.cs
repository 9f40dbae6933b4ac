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

        // One feed per cluster: with several silos on one machine (local profile) only instance 0 simulates traffic.
        var instance = builder.Configuration.GetValue<int>($"{SiloHostOptions.Section}:{nameof(SiloHostOptions.InstanceId)}");
        if (instance != 0) builder.Services.PostConfigure<SimulatedFeedOptions>(o => o.Enabled = false);
        builder.Services.AddHostedService<SimulatedFeedService>();
        return builder;
    }
}
