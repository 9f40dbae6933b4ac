using MHA.Dashboard.Authorization;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace MHA.IntegrationTests;

/// <summary>
/// Real SignalR connections with different tokens: a client receives only what its role and scope allow, also when it
/// invokes the hub's methods itself with another hospital's id.
/// </summary>
public sealed class HubScopeTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_charge_nurse_of_hospital_1_never_receives_hospital_2_even_after_forged_subscriptions()
    {
        var host = fixture.Host;
        await using var nurse = await host.ConnectBoardAsync(host.TokenFor(MhaRoles.ChargeNurse, 1, "ICU"));
        await using var manager2 = await host.ConnectBoardAsync(host.TokenFor(MhaRoles.HospitalManager, 2));
        await using var admin = await host.ConnectBoardAsync(host.TokenFor(MhaRoles.NetworkAdmin));

        // The forged calls: another hospital's id, the whole network. Each is refused and joins nothing.
        var forged = await Assert.ThrowsAsync<HubException>(() => nurse.InvokeAsync("SubscribeHospital", 2));
        Assert.Contains("Forbidden", forged.Message);
        await Assert.ThrowsAsync<HubException>(() => nurse.InvokeAsync("SubscribeNetwork"));
        await Assert.ThrowsAsync<HubException>(() => manager2.InvokeAsync("SubscribeNetwork"));
        await nurse.InvokeAsync("SubscribeHospital", 1);
        await manager2.InvokeAsync("SubscribeHospital", 2);
        await admin.InvokeAsync("SubscribeNetwork");

        for (var round = 0; round < 3; round++)
        {
            await host.IngestAsync(string.Join('\n',
                TestEvents.Admission($"hubscope-{round}-2", $"P-hubscope-{round}-2", 2, "ICU", $"H2-ICU-2{round}"),
                TestEvents.Admission($"hubscope-{round}-1", $"P-hubscope-{round}-1", 1, "ICU", $"H1-ICU-2{round}")));
        }

        // Hospital 2's updates were pushed (its manager and the admin got them) and hospital 1's reached the nurse…
        await Eventually.ReturnsAsync(() => Task.FromResult(manager2.Departments().Count(d => d.HospitalId == 2)), n => n >= 1, TimeSpan.FromSeconds(5), "hospital 2's manager receives hospital 2");
        await Eventually.ReturnsAsync(() => Task.FromResult(admin.Departments().Select(d => d.HospitalId).Distinct().Count()), n => n >= 2, TimeSpan.FromSeconds(5), "the admin receives both hospitals");
        await Eventually.ReturnsAsync(() => Task.FromResult(nurse.Departments().Count()), n => n >= 1, TimeSpan.FromSeconds(5), "the nurse receives hospital 1");
        // …and give a stray hospital 2 message time to arrive before asserting none did.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(nurse.Departments(), d => Assert.Equal(1, d.HospitalId));
        Assert.All(manager2.Departments(), d => Assert.Equal(2, d.HospitalId));
    }

    [Fact]
    public async Task An_ingestor_or_a_caller_without_a_valid_token_cannot_connect()
    {
        var host = fixture.Host;
        await Assert.ThrowsAsync<HttpRequestException>(() => host.ConnectBoardAsync(host.TokenFor(MhaRoles.Ingestor)));
        await Assert.ThrowsAsync<HttpRequestException>(() => BoardClient.ConnectAsync(host.BaseAddress, token: null));

        // A nurse's token edited to claim hospital 2: the signature no longer matches.
        var parts = host.TokenFor(MhaRoles.ChargeNurse, 1, "ICU").Split('.');
        var claims = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"mha_hospital\":\"1\"", "\"mha_hospital\":\"2\"");
        Assert.Contains("\"mha_hospital\":\"2\"", claims);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(claims)}.{parts[2]}";
        await Assert.ThrowsAsync<HttpRequestException>(() => BoardClient.ConnectAsync(host.BaseAddress, forged));
    }
}
