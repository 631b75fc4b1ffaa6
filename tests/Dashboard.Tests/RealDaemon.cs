using System.Diagnostics;
using System.Text.RegularExpressions;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Dashboard.Tests;

/// <summary>
/// pbmd run as a separate process in a temp PBM_HOME with TCP on 127.0.0.1 (a free port) and the given programs.
/// Disposing stops it through the API and then kills, by pid, the daemon and every program it was seen running.
/// </summary>
internal sealed partial class RealDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HashSet<int> _programPids = [];

    private RealDaemon(string home, Process process, Uri baseAddress)
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

    public static async Task<RealDaemon> StartAsync(string programs, string? extraConfig = null)
    {
        var home = Directory.CreateTempSubdirectory("pbm-dashboard-").FullName;
        await File.WriteAllTextAsync(Path.Combine(home, "pbm.conf"), $$"""
            pbm.api.tcp { enabled = on, bind = "127.0.0.1", port = 0 }
            pbm.observability.sample-interval = 500ms
            {{extraConfig}}
            processes {
            {{programs}}
            }
            """);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Built.Pbmd);
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(home);
        start.Environment["PBM_HOME"] = home;
        start.Environment.Remove("PBM_TOKEN");
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Ready().Match(line) is { Success: true } ready)
            {
                _ = DrainAsync(process.StandardOutput);
                return new RealDaemon(home, process, new Uri(ready.Groups["tcp"].Value));
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"pbmd exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
    }

    /// <summary>The processes now, remembering their pids for the final clean-up.</summary>
    public async Task<IReadOnlyList<ProcessStatus>> ListAsync()
    {
        var list = await Unix.ListProcessesAsync();
        foreach (var p in list)
        {
            if (p.Pid is { } pid)
            {
                _programPids.Add(pid);
            }
        }

        return list;
    }

    /// <summary>Polls the process list (the test's own view, not the page's) until <paramref name="condition"/> holds.</summary>
    public async Task<IReadOnlyList<ProcessStatus>> AwaitAsync(Func<IReadOnlyList<ProcessStatus>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var list = await ListAsync();
            if (condition(list))
            {
                return list;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ListAsync();
            await Unix.StopDaemonAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or PbmApiException or DaemonUnreachableException or IOException)
        {
            // Killed below.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        foreach (var pid in _programPids)
        {
            try
            {
                using var program = Process.GetProcessById(pid);
                program.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null)
        {
        }
    }

    [GeneratedRegex(@"pbmd ready: .* tcp (?<tcp>https?://\S+?),")]
    private static partial Regex Ready();
}
