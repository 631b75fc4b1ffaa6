using Microsoft.Playwright;

namespace ProcessManager.Dashboard.Tests;

/// <summary>
/// Debian's chromium, driven by Playwright through its executable path: nothing is downloaded. When it is missing or
/// does not start, the browser tests skip with the reason, except under CI=true, where they fail.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        string reason;
        if (File.Exists(ExecutablePath))
        {
            IPlaywright? playwright = null;
            try
            {
                playwright = await Playwright.CreateAsync();
                var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ExecutablePath,
                    Headless = true,

                    // Chromium refuses its sandbox to root (containers, CI runners).
                    Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
                });
                return (playwright, browser);
            }
            catch (PlaywrightException ex)
            {
                playwright?.Dispose();
                reason = $"{ExecutablePath} did not start: {ex.Message}";
            }
        }
        else
        {
            reason = $"{ExecutablePath} is not installed (apt-get install chromium; .ci/install-prerequisites.sh does)";
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        throw new InvalidOperationException("unreachable");
    }
}
