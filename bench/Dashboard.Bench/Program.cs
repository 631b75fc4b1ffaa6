using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessManager.Contracts.Client;

// Dashboard and /metrics figures against a real pbmd running real programs (`sleep 3600`), with Debian's chromium:
//   dotnet build -c Release src/Daemon && dotnet run -c Release --project bench/Dashboard.Bench -- [programs-for-metrics] [programs-for-dashboard] [runs]
// Defaults: 500 programs for the /metrics scrape, 100 for the dashboard, 20 runs; medians (and p90) printed.
//   - scrape: GET /metrics over TCP with the token, whole response read;
//   - first render: navigation to /dashboard/ (logged in) until the table holds every program;
//   - event -> visible: a program is restarted; from the event's daemon timestamp to the page showing its new pid.
var scrapePrograms = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var pagePrograms = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var pbmd = Path.Combine(AppContext.BaseDirectory, "../../../../../src/Daemon/bin", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name, "net10.0", "pbmd.dll");

Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
await using (var daemon = await Daemon.StartAsync(pbmd, scrapePrograms))
{
    using var http = new HttpClient { BaseAddress = daemon.BaseAddress };
    http.DefaultRequestHeaders.Authorization = new("Bearer", daemon.Token);
    await daemon.WaitRunningAsync(scrapePrograms);
    await Task.Delay(TimeSpan.FromSeconds(2)); // one sample of every program
    var times = new List<double>();
    string body = "";
    for (var i = 0; i < runs + 3; i++)
    {
        var started = Stopwatch.GetTimestamp();
        body = await http.GetStringAsync("/metrics");
        if (i >= 3)
        {
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    Report($"/metrics scrape, {scrapePrograms} programs ({body.Length / 1024} KiB, {body.Split('\n').Length} lines)", times);
}

await using (var daemon = await Daemon.StartAsync(pbmd, pagePrograms))
{
    await daemon.WaitRunningAsync(pagePrograms);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = Environment.UserName == "root" ? ["--no-sandbox"] : [] });
    // The page's CSP forbids eval, which Playwright's string predicates need; bypassing it changes nothing measured.
    var context = await browser.NewContextAsync(new() { BaseURL = daemon.BaseAddress.ToString(), BypassCSP = true });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/dashboard/login");
    await page.Locator("#token").FillAsync(daemon.Token);
    await page.Locator("button[type=submit]").ClickAsync();
    await page.WaitForURLAsync("**/dashboard/");

    var renders = new List<double>();
    for (var i = 0; i < runs + 2; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await page.GotoAsync("/dashboard/");
        await page.WaitForFunctionAsync($"document.querySelectorAll('#processes tbody tr').length >= {pagePrograms}", null, new() { PollingInterval = 5, Timeout = 60_000 });
        if (i >= 2)
        {
            renders.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    Report($"dashboard first render, {pagePrograms} programs (navigation -> every row in the table)", renders);

    // Event -> visible: the page notes when the row's pid cell changes (a MutationObserver, Date.now()); the event's
    // own timestamp comes from the daemon's clock, the same machine's.
    var latencies = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var name = $"p{i % pagePrograms:D4}";
        await page.EvaluateAsync(@"key => {
            window.__seen = null;
            const cell = document.querySelector(`tr[data-key='${key}'] td.pid`);
            const before = cell.textContent;
            new MutationObserver((_, o) => { if (cell.textContent && cell.textContent !== before) { window.__seen = Date.now(); o.disconnect(); } })
              .observe(cell, { childList: true, characterData: true, subtree: true });
        }", name + "-0");
        using var events = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = daemon.FirstStartedAsync(name + "-0", events.Token);
        await Task.Delay(300); // the event stream is open before the restart
        await daemon.Unix.RestartProcessAsync(name);
        var at = await started;
        await page.WaitForFunctionAsync("window.__seen !== null", null, new() { PollingInterval = 5, Timeout = 60_000 });
        var seen = await page.EvaluateAsync<double>("window.__seen");
        latencies.Add(seen - at.ToUnixTimeMilliseconds());
    }

    Report("event -> visible in the page (restart: event timestamp -> new pid shown)", latencies);
}

static void Report(string what, List<double> values)
{
    values.Sort();
    var median = values[values.Count / 2];
    var p90 = values[(int)Math.Min(values.Count - 1, Math.Ceiling(values.Count * 0.9) - 1)];
    Console.WriteLine($"{what}: median {median:0.0} ms, p90 {p90:0.0} ms, min {values[0]:0.0} ms, n={values.Count}");
}

/// <summary>A pbmd with N `sleep 3600` programs in a temp home, TCP on loopback.</summary>
internal sealed partial class Daemon : IAsyncDisposable
{
    private readonly Process _process;

    private Daemon(string home, Process process, Uri baseAddress)
    {
        Home = home;
        _process = process;
        BaseAddress = baseAddress;
        Unix = new PbmApiClient(PbmEndpoint.Unix(Path.Combine(home, "pbm.sock")));
    }

    public string Home { get; }

    public Uri BaseAddress { get; }

    public PbmApiClient Unix { get; }

    public string Token => File.ReadAllText(Path.Combine(Home, "api.token")).Trim();

    public static async Task<Daemon> StartAsync(string pbmd, int programs)
    {
        var home = Directory.CreateTempSubdirectory("pbm-dashboard-bench-").FullName;
        var apps = string.Join("\n", Enumerable.Range(0, programs).Select(i => $"  p{i:D4} {{ command = [sleep, \"3600\"] }}"));
        await File.WriteAllTextAsync(Path.Combine(home, "pbm.conf"), $"pbm.api.tcp {{ enabled = on, bind = \"127.0.0.1\", port = 0 }}\nprocesses {{\n{apps}\n}}\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(pbmd);
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(home);
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (Ready().Match(line) is { Success: true } ready)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new Daemon(home, process, new Uri(ready.Groups["tcp"].Value));
            }
        }

        throw new InvalidOperationException("pbmd exited before it was ready");
    }

    public async Task WaitRunningAsync(int programs)
    {
        while ((await Unix.ListProcessesAsync()).Count(p => p.Status == "running") < programs)
        {
            await Task.Delay(200);
        }
    }

    /// <summary>The timestamp of the next event that shows <paramref name="instance"/> running with a pid.</summary>
    public async Task<DateTimeOffset> FirstStartedAsync(string instance, CancellationToken cancellationToken)
    {
        await foreach (var e in Unix.EventsAsync(cancellationToken))
        {
            if (e.Process == instance && e.Status == "running" && e.Pid is not null)
            {
                return e.Timestamp;
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Unix.StopDaemonAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await _process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            Directory.Delete(Home, recursive: true);
        }
    }

    [GeneratedRegex(@"pbmd ready: .* tcp (?<tcp>https?://\S+?),")]
    private static partial Regex Ready();
}
