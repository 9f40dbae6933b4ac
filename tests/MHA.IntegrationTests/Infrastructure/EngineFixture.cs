namespace MHA.IntegrationTests.Infrastructure;

/// <summary>One real host (feed off) shared by the tests of a class; tests use their own hospitals/patients or deltas.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public SiloHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await SiloHost.StartAsync($"fixture-{Guid.NewGuid():N}", settings: new Dictionary<string, string?> { ["Ingest:MaxRequestBytes"] = "1048576" });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
