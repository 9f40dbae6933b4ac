using MHA.Grains.Catalog;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary>
/// Two real hosts (silo + web) in one cluster: an update processed on either silo reaches a SignalR client connected
/// to the other host's board, and when one host leaves, the other keeps serving and pushing.
/// </summary>
public sealed class CrossSiloPushTests : IAsyncLifetime
{
    private SiloHost _primary = null!;
    private SiloHost _secondary = null!;

    public async ValueTask InitializeAsync()
    {
        var cluster = $"pair-{Guid.NewGuid():N}";
        _primary = await SiloHost.StartAsync(cluster);
        _secondary = await SiloHost.StartAsync(cluster, primarySiloPort: _primary.SiloPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _secondary.DisposeAsync();
        await _primary.DisposeAsync();
    }

    [Fact]
    public async Task Updates_from_every_silo_reach_a_client_of_the_other_host()
    {
        var catalog = HospitalCatalog.LoadDefault();
        await using var clientOnSecondary = await _secondary.ConnectBoardAsync();
        await clientOnSecondary.InvokeAsync("SubscribeNetwork");

        // Registration of both hosts is periodic; wait until a push reaches the secondary's client.
        var round = 0;
        await Eventually.ReturnsAsync(async () =>
            {
                round++;
                await _primary.IngestAsync(string.Join('\n', catalog.Hospitals.Select(h =>
                    TestEvents.Admission($"x-{h.Id}-{round}", $"P-x-{h.Id}-{round}", h.Id, "Maternity", $"H{h.Id}-MAT-{round:00}"))));
                await Task.Delay(500);
                return clientOnSecondary.Departments().Select(d => d.HospitalId).Distinct().Count();
            },
            n => n == 7, TimeSpan.FromSeconds(30), "client on the secondary host hears every hospital");

        var onSecondary = await _secondary.GetOccupiedAsync();
        Assert.All(catalog.Hospitals, h => Assert.Equal(round, onSecondary[$"{h.Id}/Maternity"]));

        await _secondary.App.StopAsync();
        await using var clientOnPrimary = await _primary.ConnectBoardAsync();
        await clientOnPrimary.InvokeAsync("SubscribeNetwork");
        await Eventually.ReturnsAsync(async () =>
            {
                round++;
                await _primary.IngestAsync(string.Join('\n', catalog.Hospitals.Select(h =>
                    TestEvents.Admission($"x-{h.Id}-{round}", $"P-x-{h.Id}-{round}", h.Id, "Maternity", $"H{h.Id}-MAT-{round:00}"))));
                await Task.Delay(500);
                return clientOnPrimary.Departments().Select(d => d.HospitalId).Distinct().Count();
            },
            n => n == 7, TimeSpan.FromSeconds(60), "after the other host left, the remaining one still serves and pushes");
    }
}
