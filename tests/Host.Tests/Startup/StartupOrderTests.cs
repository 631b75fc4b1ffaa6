using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Contracts.Client;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests.Startup;

/// <summary>A starting daemon answers on its socket before it spawns any program: configured apps and recovered ones.</summary>
public sealed partial class StartupOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Programs_are_spawned_only_after_the_daemon_is_ready_on_a_first_start_and_after_a_restart()
    {
        var home = Directory.CreateTempSubdirectory("pbm-startup-tests-").FullName;
        var starts = Path.Combine(home, "starts");
        var config = Path.Combine(home, "daemon.conf");

        // The program notes when it ran (ns since the epoch) and its pid, which is its process group.
        await File.WriteAllTextAsync(
            config,
            $$"""
            pbm.process-defaults.stop.timeout = 2s
            processes {
              early { command = [sh, -c, "echo $(date +%s%N) $$ >> {{starts}}; exec sleep 300"] }
            }
            """,
            Ct);
        var pids = new List<int>();
        try
        {
            // A first start declares the app from the file; the second recovers it from the journal (desired: running).
            foreach (var round in new[] { 1, 2 })
            {
                using var host = Build(home, config);
                await host.StartAsync(Ct);
                var ready = await host.Services.GetRequiredService<ProcessManagerReadiness>().Ready;
                var client = new PbmApiClient(PbmEndpoint.Unix(ready.SocketPath));
                Assert.Contains(await client.ListProcessesAsync(Ct), p => p.Name == "early");
                await TestTime.EventuallyAsync(async () => File.Exists(starts) && (await File.ReadAllLinesAsync(starts, Ct)).Length == round, TimeSpan.FromSeconds(30), $"start {round} of the program");

                var lines = await File.ReadAllLinesAsync(starts, Ct);
                var fields = lines[^1].Split(' ');
                pids.Add(int.Parse(fields[1], CultureInfo.InvariantCulture));
                var spawnedAt = long.Parse(fields[0], CultureInfo.InvariantCulture);
                var readyAt = (ready.ReadyAt - DateTimeOffset.UnixEpoch).Ticks * 100;
                Assert.True(spawnedAt >= readyAt, $"round {round}: the program ran {(readyAt - spawnedAt) / 1e6:0.0} ms before the daemon was ready");

                await host.StopAsync(Ct);
            }
        }
        finally
        {
            foreach (var pid in pids)
            {
                _ = kill(-pid, 9);
            }

            Directory.Delete(home, recursive: true);
        }
    }

    private static IHost Build(string home, string config)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddProcessManager(pm =>
        {
            pm.Options.PbmHome = home;
            pm.Options.ConfigFile = config;
            pm.Options.Api = new ApiSettings();
        });
        return builder.Build();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int kill(int pid, int signal);
}
