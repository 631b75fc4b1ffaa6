using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProcessManager.Dashboard.Tests;

/// <summary>The dashboard in a real browser (Debian's chromium) against a real daemon running real programs.</summary>
public sealed partial class DashboardBrowserTests
{
    private const string Programs = """
          sleeper { command = [sleep, "3600"] }
          ticker { command = ["/bin/sh", "-c", "i=0; while :; do i=$((i+1)); echo tick-$i; sleep 0.3; done"] }
        """;

    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    static DashboardBrowserTests()
    {
        // Generous: the machine running the tests may be loaded.
        SetDefaultExpectTimeout(60_000);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task Without_the_cookie_the_api_refuses_and_the_dashboard_shows_only_its_login_page()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var daemon = await RealDaemon.StartAsync(Programs);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = daemon.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // Generous bounds for a loaded 2-core CI machine (Playwright's defaults are 30 s).
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);

        var api = await context.APIRequest.GetAsync("/v1/processes");
        var script = await context.APIRequest.GetAsync("/dashboard/app.js", new APIRequestContextOptions { MaxRedirects = 0 });
        await page.GotoAsync("/dashboard/");

        Assert.Equal(401, api.Status);
        Assert.Equal(302, script.Status);
        Assert.EndsWith("/dashboard/login", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#token")).ToBeVisibleAsync();
        await page.Locator("#token").FillAsync("not-the-token");
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("login failed");
        await ShotAsync(page, "login-refused");
    }

    [Fact]
    public async Task Log_in_watch_a_killed_program_come_back_stop_one_with_its_button_and_follow_a_log()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var daemon = await RealDaemon.StartAsync(Programs);
        var before = await daemon.AwaitAsync(l => l.Count == 2 && l.All(p => p.Status == "running" && p.Pid is not null), "both programs running");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = daemon.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();

        // Generous bounds for a loaded 2-core CI machine (Playwright's defaults are 30 s).
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue(message.Type + ": " + message.Text);
        page.PageError += (_, error) => console.Enqueue("page error: " + error);
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => console.Enqueue("ws " + socket.Url + ": " + frame.Text?[..Math.Min(160, frame.Text.Length)]);

        // Log in with the token: the cookie is HttpOnly, so the page's script cannot read it.
        try
        {
            await page.GotoAsync("/dashboard/login");
            await page.Locator("#token").FillAsync(daemon.Token);
            await page.Locator("button[type=submit]").ClickAsync();
            // Polls the URL: WaitForURL can miss a navigation that commits between its URL check and its listener.
            await Expect(page).ToHaveURLAsync(DashboardUrl(), new() { Timeout = 90_000 });
            var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "pbm_session");
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
            Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));

            var sleeper = page.Locator("tr[data-key='sleeper-0']");
            var oldPid = before.Single(p => p.Name == "sleeper").Pid!.Value;
            await Expect(sleeper.Locator("td.status")).ToHaveTextAsync("running");
            await Expect(sleeper.Locator("td.pid")).ToHaveTextAsync(oldPid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await ShotAsync(page, "processes");

            // Kill the program behind the daemon's back: the row shows the restart with a new pid.
            using (var victim = Process.GetProcessById(oldPid))
            {
                victim.Kill();
            }

            await Expect(sleeper.Locator("td.restarts")).ToHaveTextAsync("1");
            await Expect(sleeper.Locator("td.status")).ToHaveTextAsync("running");
            await Expect(sleeper.Locator("td.pid")).Not.ToHaveTextAsync(new Regex($"^({oldPid})?$"));
            await daemon.ListAsync();

            // Stop it with its button (a POST with the session's CSRF token).
            await sleeper.Locator("button.stop").ClickAsync();
            await Expect(sleeper.Locator("td.status")).ToHaveTextAsync("stopped");
            await daemon.AwaitAsync(l => l.Single(p => p.Name == "sleeper").Status == "stopped", "sleeper stopped in the daemon");

            // Charts of the selected program.
            await page.Locator("tr[data-key='ticker-0'] td.name").ClickAsync();
            await Expect(page.Locator("#chart-program")).ToHaveTextAsync("ticker");
            await Expect(page.Locator("#memory-chart polyline")).ToHaveCountAsync(1);
            await Expect(page.Locator("#cpu-chart polyline")).ToHaveCountAsync(1);
            await ShotAsync(page, "charts");

            // Follow the ticker's log: lines keep arriving.
            await page.Locator("nav button[data-view=logs]").ClickAsync();
            await page.Locator("#log-program").SelectOptionAsync("ticker");
            await page.Locator("#log-follow").ClickAsync();
            await Expect(page.Locator("#log")).ToContainTextAsync("tick-");
            var first = LastTick(await page.Locator("#log").InnerTextAsync());
            await Expect(page.Locator("#log")).ToContainTextAsync($"tick-{first + 3}");
            await ShotAsync(page, "logs");

            // The supervision tree and the event feed.
            await page.Locator("nav button[data-view=tree]").ClickAsync();
            await Expect(page.Locator("#tree")).ToContainTextAsync("processes");
            await ShotAsync(page, "tree");
            await page.Locator("nav button[data-view=events]").ClickAsync();
            await Expect(page.Locator("#events")).ToContainTextAsync("sleeper-0");
            await ShotAsync(page, "events");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException or Xunit.Sdk.XunitException)
        {
            await ShotAsync(page, "failure");
            var shown = await page.Locator("#error").CountAsync() > 0 ? await page.Locator("#error").TextContentAsync(new() { Timeout = 5_000 }) : null;
            throw new InvalidOperationException($"{ex.Message}\npage at {page.Url}; error shown: {shown}; browser console and WebSocket frames:\n{string.Join("\n", console.TakeLast(40))}", ex);
        }
    }

    private static int LastTick(string log) =>
        Tick().Matches(log).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"/dashboard/$")]
    private static partial Regex DashboardUrl();

    [GeneratedRegex(@"tick-(\d+)")]
    private static partial Regex Tick();
}
