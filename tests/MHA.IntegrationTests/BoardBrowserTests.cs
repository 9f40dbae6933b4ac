using MHA.Dashboard.Authorization;
using MHA.Grains.Lake;
using MHA.IntegrationTests.Infrastructure;
using MHA.Silo.Lake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MHA.IntegrationTests;

/// <summary>The board page in headless Chromium (Debian's <c>chromium</c>, driven by Playwright).</summary>
public sealed class BoardBrowserTests : IAsyncLifetime
{
    private SiloHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SiloHost.StartAsync($"browser-{Guid.NewGuid():N}");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    private static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium not found: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");

    [Fact]
    public async Task Board_shows_all_hospitals_and_updates_a_department_without_reload()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsync(_host.BaseAddress.ToString());

        // No token yet: the board asks for one. The development sign-in issues it.
        await Assertions.Expect(page.Locator("#signin")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-department]")).ToHaveCountAsync(0);
        await page.Locator("#signin-role").SelectOptionAsync("NetworkAdmin");
        await page.Locator("#signin-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#user-role")).ToHaveTextAsync("NetworkAdmin");

        var hospitals = page.Locator("[data-hospital-id]:not([data-department])");
        await Assertions.Expect(hospitals).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("[data-department]")).ToHaveCountAsync(49);
        await Assertions.Expect(page.Locator("#connection-lost")).ToBeHiddenAsync();

        var occupied = page.Locator("[data-hospital-id='4'][data-department='Surgery'] .occupied");
        await Assertions.Expect(occupied).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-hospital-id='4'][data-department='Surgery'] .capacity")).ToHaveTextAsync("30");

        await _host.IngestAsync(TestEvents.Admission("browser-1", "P-browser-1", 4, "Surgery", "H4-SURG-05"));
        await Assertions.Expect(occupied).ToHaveTextAsync("1", new LocatorAssertionsToHaveTextOptions { Timeout = 5000 });

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.TestOutput, "board.png"), FullPage = true });
    }

    [Fact]
    public async Task Quality_page_shows_the_reconciliation_of_what_was_received()
    {
        await ProducerEvents.PostAsync(_host, ProducerEvents.Dirty(seed: 5, count: 500));
        await _host.Services.GetRequiredService<LakeWriter>().FlushAppliedAsync();
        await _host.Services.GetRequiredService<GoldRefreshJob>().RefreshAsync(CancellationToken.None);

        var page = await SignedInPageAsync(_host.TokenFor(MhaRoles.Analyst), 1600, 1000);
        await page.GotoAsync(new Uri(_host.BaseAddress, "/quality").ToString());
        var firstDay = page.Locator("#reconciliation tbody tr").First;
        await Assertions.Expect(firstDay.Locator("td").Nth(1)).ToHaveTextAsync("500");
        await Assertions.Expect(firstDay.Locator("td").Nth(5)).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#rules tbody")).ToContainTextAsync("department_corrected");
        await Assertions.Expect(page.Locator("#quarantine tbody")).ToContainTextAsync("unknown hospital_id");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("P-0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.TestOutput, "quality.png"), FullPage = true });
    }

    [Fact]
    public async Task Board_shows_connection_lost_when_the_server_goes_away()
    {
        var page = await SignedInPageAsync(_host.TokenFor(MhaRoles.NetworkAdmin));
        await page.GotoAsync(_host.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("[data-department]")).ToHaveCountAsync(49);
        await Assertions.Expect(page.Locator("#connection-lost")).ToBeHiddenAsync();

        await _host.App.StopAsync();
        await Assertions.Expect(page.Locator("#connection-lost")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.TestOutput, "board-connection-lost.png") });
    }

    [Fact]
    public async Task A_charge_nurse_sees_her_hospital_and_only_her_departments_beds()
    {
        await _host.IngestAsync(TestEvents.Admission("browser-nurse-1", "P-browser-nurse-1", 2, "ICU", "H2-ICU-03"));
        await _host.IngestAsync(TestEvents.Admission("browser-nurse-2", "P-browser-nurse-2", 2, "Surgery", "H2-SURG-03"));

        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await page.GotoAsync(new Uri(_host.BaseAddress, "/?hospital=5").ToString());
        await page.Locator("#signin-role").SelectOptionAsync("ChargeNurse");
        await page.Locator("#signin-hospital").SelectOptionAsync("2");
        await page.Locator("#signin-department").SelectOptionAsync("ICU");
        await page.Locator("#signin-submit").ClickAsync();

        // Her own hospital, whatever the address asked for; its departments; no way back to the network.
        await Assertions.Expect(page.Locator("#user-role")).ToHaveTextAsync("ChargeNurse · hospital 2 · ICU");
        await Assertions.Expect(page.Locator("[data-department]")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("[data-hospital-id]:not([data-department])")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-hospital-id='2'][data-department='ICU'] .occupied")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#back-to-network")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("a[href='/quality']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("a[href='/pipeline']")).ToBeHiddenAsync();

        // Bed-level detail: her department only.
        await Assertions.Expect(page.Locator(".beds-button")).ToHaveCountAsync(1);
        await page.Locator("[data-hospital-id='2'][data-department='ICU'] .beds-button").ClickAsync();
        await Assertions.Expect(page.Locator("#beds-dialog tbody")).ToContainTextAsync("P-browser-nurse-1");
        await Assertions.Expect(page.Locator("#beds-dialog tbody")).Not.ToContainTextAsync("P-browser-nurse-2");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.TestOutput, "board-charge-nurse.png") });
    }

    [Fact]
    public async Task An_analyst_sees_every_hospital_but_no_bed_level_detail_and_an_ingestor_sees_no_board()
    {
        var analyst = await SignedInPageAsync(_host.TokenFor(MhaRoles.Analyst));
        await analyst.GotoAsync(_host.BaseAddress.ToString());
        await Assertions.Expect(analyst.Locator("[data-department]")).ToHaveCountAsync(49);
        await Assertions.Expect(analyst.Locator(".beds-button")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.Locator("a[href='/quality']")).ToBeVisibleAsync();

        var ingestor = await SignedInPageAsync(_host.TokenFor(MhaRoles.Ingestor));
        await ingestor.GotoAsync(_host.BaseAddress.ToString());
        await Assertions.Expect(ingestor.Locator("#board-message")).ToContainTextAsync("Your role (Ingestor) has no access to the board.");
        await Assertions.Expect(ingestor.Locator("[data-department]")).ToHaveCountAsync(0);
    }

    /// <summary>A page whose tab already holds <paramref name="token"/>, as after signing in.</summary>
    private async Task<IPage> SignedInPageAsync(string token, int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.AddInitScriptAsync($"sessionStorage.setItem('mha.token', '{token}');");
        return page;
    }
}
