using System.Diagnostics;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary>The SignalR hub pushes <c>occupancy</c> messages to subscribed clients as departments change.</summary>
public sealed class BoardPushTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_subscribed_client_receives_occupancy_within_one_second_of_an_ingested_admission()
    {
        await using var client = await fixture.Host.ConnectBoardAsync();
        await client.InvokeAsync("SubscribeHospital", 3);
        var before = (await fixture.Host.GetOccupiedAsync())["3/ICU"];

        var clock = Stopwatch.StartNew();
        await fixture.Host.IngestAsync(TestEvents.Admission("push-1", "P-push-1", 3, "ICU", "H3-ICU-11"));
        await Eventually.ReturnsAsync(() => Task.FromResult(client.Departments().Any(d => d.HospitalId == 3 && d.Department == "ICU" && d.Occupied == before + 1)),
            seen => seen, TimeSpan.FromSeconds(5), "occupancy message for H3 ICU");
        var arrival = client.Departments().First(d => d.HospitalId == 3 && d.Department == "ICU" && d.Occupied == before + 1);
        var latency = clock.Elapsed;

        Assert.True(latency < TimeSpan.FromSeconds(1), $"occupancy arrived {latency.TotalMilliseconds:0} ms after the ingest call started");
        Assert.Equal(3, arrival.HospitalId);
    }

    [Fact]
    public async Task A_client_subscribed_to_one_hospital_receives_no_other_hospital()
    {
        await using var hospital4 = await fixture.Host.ConnectBoardAsync();
        await hospital4.InvokeAsync("SubscribeHospital", 4);
        await using var network = await fixture.Host.ConnectBoardAsync();
        await network.InvokeAsync("SubscribeNetwork");

        await fixture.Host.IngestAsync(string.Join('\n',
            TestEvents.Admission("sub-1", "P-sub-1", 1, "Surgery", "H1-SURG-21"),
            TestEvents.Admission("sub-2", "P-sub-2", 4, "Surgery", "H4-SURG-21")));

        await Eventually.ReturnsAsync(() => Task.FromResult(network.Departments().Select(d => d.HospitalId).Distinct().Count()),
            n => n >= 2, TimeSpan.FromSeconds(5), "network client sees hospitals 1 and 4");
        await Eventually.ReturnsAsync(() => Task.FromResult(hospital4.Departments().Count()), n => n >= 1, TimeSpan.FromSeconds(5), "hospital 4 client sees its update");
        Assert.All(hospital4.Departments(), d => Assert.Equal(4, d.HospitalId));
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_hospital_is_refused()
    {
        await using var client = await fixture.Host.ConnectBoardAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.InvokeAsync("SubscribeHospital", 42));
        Assert.Contains("Unknown hospital 42", error.Message);
    }
}
