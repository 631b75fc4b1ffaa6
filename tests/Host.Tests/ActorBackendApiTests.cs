using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Hocon;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

/// <summary>The API over the real actor backend: programs declared in a daemon config, log flush by name, buffer stats, apply.</summary>
public sealed partial class ActorBackendApiTests
{
    private static readonly double TimeFactor =
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 ? factor : 1;

    private static TimeSpan Patience => TimeSpan.FromSeconds(30 * TimeFactor);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Flush_by_name_reaches_that_app_an_unknown_name_is_404_and_memory_stats_count_the_log_buffers()
    {
        await using var daemon = await RealDaemon.StartAsync("""
            pbm.process-defaults.stop.timeout = 2s
            processes {
              talker { command = [sh, -c, "echo one; echo two; sleep 300"] }
              quiet { command = [sleep, "300"] }
            }
            """);
        await AwaitAsync(async () => (await daemon.Client.TailLogAsync("talker", 10, Ct)).Count == 2, "talker's two lines are captured");

        await daemon.Client.FlushLogsAsync("talker", Ct);

        var file = await File.ReadAllTextAsync(Path.Combine(daemon.Home, "logs", "talker-0.out.log"), Ct);
        Assert.Contains("two", file, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.FlushLogsAsync("ghost", Ct));
        Assert.Equal(404, unknown.StatusCode);

        var memory = await daemon.Client.GetMemoryStatsAsync(Ct);
        var ring = memory.Buffers.Single(b => b is { Subsystem: "logs", Name: "ring-lines" });
        Assert.Equal(2, ring.Used);
        Assert.Equal(2000, ring.Capacity);
        Assert.Equal(2, memory.Buffers.Single(b => b is { Subsystem: "logs", Name: "captured-lines" }).Used);
        var queue = memory.Buffers.Single(b => b is { Subsystem: "logs", Name: "write-queue-bytes" });
        Assert.InRange(queue.Used, 0, queue.Capacity);
        Assert.Equal(0, queue.Dropped);
        var journal = memory.Buffers.Single(b => b is { Subsystem: "journal", Name: "write-queue" });
        Assert.True(journal.Capacity > 0);
        Assert.Equal(0, journal.Dropped);
        Assert.Contains(memory.Buffers, b => b is { Subsystem: "metrics", Name: "history-samples", Capacity: > 0 });
        Assert.Contains(memory.Buffers, b => b is { Subsystem: "api", Name: "streams" });
    }

    [Fact]
    public async Task A_daemon_config_with_programs_under_pbm_processes_does_not_start_and_names_file_and_line()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => RealDaemon.StartAsync("pbm {\n  processes { web { command = [sleep, \"300\"] } }\n}\n"));

        Assert.Contains("daemon.conf:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("top-level 'processes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_reads_the_top_level_processes_block_only_and_says_what_is_wrong_otherwise()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");

        var nested = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("pbm.processes {\n  web { command = [sleep, \"300\"] }\n}\n", "apps.conf"), Ct));
        Assert.Equal(400, nested.StatusCode);
        Assert.Contains("apps.conf:1", nested.Detail, StringComparison.Ordinal);

        var none = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("web { command = [sleep, \"300\"] }\n", "bare.conf"), Ct));
        Assert.Equal(400, none.StatusCode);
        Assert.Contains("declares no programs", none.Error, StringComparison.Ordinal);
        Assert.Empty(await daemon.Client.ListProcessesAsync(Ct));

        var applied = await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("processes {\n  web { command = [sleep, \"300\"] }\n}\n", "apps.conf"), Ct);
        Assert.Equal(["web"], applied.Added);
    }

    [Fact]
    public async Task An_ad_hoc_program_gets_the_process_defaults_of_the_configuration()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults { restart = never, stop.timeout = 2s, memory-limit = 64MiB }\n");

        await daemon.Client.StartProcessAsync(new StartProcessRequest("adhoc", ["sleep", "300"]), Ct);

        var description = await daemon.Client.DescribeProcessAsync("adhoc", Ct);
        Assert.Equal("never", description.RestartPolicy);
        Assert.Equal("2s", description.Details["stop-timeout"]);
        Assert.Equal("64 MiB", description.Details["memory-limit"]);
        Assert.Equal("SIGTERM", description.Details["stop-signal"]);
    }

    [Fact]
    public async Task A_journal_written_before_Akka_Persistence_is_migrated_and_its_apps_and_history_come_back()
    {
        // The fixture's daemon ran web (2 instances) and worker (crash-looping), and stopped off on purpose.
        var upgradedAt = DateTimeOffset.UtcNow;
        await using var daemon = await RealDaemon.StartAsync(
            "pbm.process-defaults.stop.timeout = 2s\n",
            home => File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-v2.pbm.db"), Path.Combine(home, "pbm.db")));

        var list = await daemon.Client.ListProcessesAsync(Ct);
        Assert.Equal(["off", "web", "web", "worker"], list.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("stopped", list.Single(p => p.Name == "off").Status);
        await AwaitAsync(async () => (await daemon.Client.ListProcessesAsync(Ct)).Where(p => p.Name == "web").All(p => p.Status == "running"), "both web instances run again");
        var worker = await daemon.Client.GetHistoryAsync("worker", null, Ct);
        Assert.Equal(2, worker.Count(e => e.Event == "restart-scheduled" && e.Detail!.StartsWith("worker-0: ", StringComparison.Ordinal) && e.Timestamp < upgradedAt && e.Timestamp > upgradedAt.AddYears(-1)));
        Assert.Contains(await daemon.Client.GetHistoryAsync("web", null, Ct), e => e.Event == "declared");
    }

    [Fact]
    public async Task With_Akka_Persistence_Sql_as_the_journal_a_program_and_its_history_survive_a_daemon_restart()
    {
        const string Config = "pbm.persistence.plugin = akka-persistence-sql\npbm.process-defaults.stop.timeout = 2s\n";
        var journal = Directory.CreateTempSubdirectory("pbm-akka-sql-").FullName;
        try
        {
            await using (var first = await RealDaemon.StartAsync(Config))
            {
                await first.Client.StartProcessAsync(new StartProcessRequest("kept", ["sleep", "300"]), Ct);
                await first.Client.StopProcessAsync("kept", Ct);
                await first.Client.StartProcessAsync(new StartProcessRequest("kept", ["sleep", "300"]), Ct);
                await first.StopAsync();
                foreach (var file in Directory.EnumerateFiles(first.Home, "pbm.db*"))
                {
                    File.Copy(file, Path.Combine(journal, Path.GetFileName(file)));
                }
            }

            await using var second = await RealDaemon.StartAsync(Config, home =>
            {
                foreach (var file in Directory.EnumerateFiles(journal))
                {
                    File.Copy(file, Path.Combine(home, Path.GetFileName(file)));
                }
            });

            await AwaitAsync(async () => (await second.Client.ListProcessesAsync(Ct)).Single().Status == "running", "kept runs again");
            var history = await second.Client.GetHistoryAsync("kept", null, Ct);
            Assert.Equal(3, history.Count(e => e.Event == "started"));
            Assert.Contains(history, e => e.Event == "declared");
            Assert.Contains(history, e => e.Event == "stopped");
        }
        finally
        {
            Directory.Delete(journal, recursive: true);
        }
    }

    [Fact]
    public async Task A_stop_timeout_longer_than_shutdown_allows_is_refused_naming_the_setting_to_raise()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\nakka.coordinated-shutdown.phases.service-stop.timeout = 20s\n");

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.ApplyConfigAsync(
            new ApplyConfigRequest("processes {\n  slow { command = [sleep, \"300\"], stop.timeout = 1m }\n}\n", "apps.conf"), Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("stop.timeout", error.Detail, StringComparison.Ordinal);
        Assert.Contains("akka.coordinated-shutdown.phases.service-stop.timeout", error.Detail, StringComparison.Ordinal);
        Assert.Empty(await daemon.Client.ListProcessesAsync(Ct));
    }

    private static async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            // Nothing announces a captured line over the API; poll the condition, as TestKit's AwaitCondition does.
            await Task.Delay(50, Ct);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    /// <summary>The real process manager in a temp PBM_HOME, configured by one file; kills what it started.</summary>
    private sealed class RealDaemon : IAsyncDisposable
    {
        private readonly IHost _host;
        private bool _stopped;

        /// <summary>The folder was made for this daemon, and goes with it.</summary>
        private bool _ownsHome;

        private RealDaemon(IHost host, string home, PbmApiClient client)
        {
            _host = host;
            Home = home;
            Client = client;
        }

        public string Home { get; }

        public PbmApiClient Client { get; }

        /// <param name="prepareHome">Runs on the new PBM_HOME before the daemon starts (a test puts files there).</param>
        /// <param name="home">PBM_HOME (a new temp folder when null).</param>
        public static async Task<RealDaemon> StartAsync(string config, Action<string>? prepareHome = null, string? home = null)
        {
            var ownsHome = home is null;
            home ??= Directory.CreateTempSubdirectory("pbm-backend-tests-").FullName;
            prepareHome?.Invoke(home);
            var file = Path.Combine(home, "daemon.conf");
            await File.WriteAllTextAsync(file, config, Ct);
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddProcessManager(pm =>
            {
                pm.Options.PbmHome = home;
                pm.Options.ConfigFile = file;
                pm.Options.Api = new ApiSettings();
            });
            var host = builder.Build();
            try
            {
                await host.StartAsync(Ct);
                var ready = await host.Services.GetRequiredService<ProcessManagerReadiness>().Ready;
                return new RealDaemon(host, home, new PbmApiClient(PbmEndpoint.Unix(ready.SocketPath))) { _ownsHome = ownsHome };
            }
            catch
            {
                host.Dispose();
                if (ownsHome)
                {
                    Directory.Delete(home, recursive: true);
                }

                throw;
            }
        }

        /// <summary>Stops the daemon (its coordinated shutdown), keeping its folder.</summary>
        public async Task StopAsync()
        {
            if (!_stopped)
            {
                _stopped = true;
                await _host.StopAsync(CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            IReadOnlyList<ProcessStatus> started = [];
            try
            {
                started = _stopped ? [] : await Client.ListProcessesAsync(CancellationToken.None);
            }
            catch (PbmApiException)
            {
                // Nothing to list: nothing to kill.
            }

            await StopAsync();
            _host.Dispose();
            foreach (var pid in started.Select(p => p.Pid).OfType<int>())
            {
                // Each program leads its own process group; whatever outlived the stop dies with it.
                _ = kill(-pid, 9);
            }

            if (_ownsHome)
            {
                Directory.Delete(Home, recursive: true);
            }
        }
    }
}
