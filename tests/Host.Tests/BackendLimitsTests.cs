using System.Runtime.InteropServices;
using Akka.Actor;
using ProcessManager.Actors.Processes;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Hocon;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

/// <summary>
/// The actor backend follows pbm.api: a command's wait ends with pbm.api.command-timeout (not a fixed 3 min), and
/// an events subscriber that falls behind keeps the newest pbm.api.event-buffer events, the dropped ones counted.
/// </summary>
public sealed partial class BackendLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Event_buffer_is_read_from_pbm_api_defaults_to_1024_and_is_bounded()
    {
        Assert.Equal(1024, ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.max-connections = 5")).EventBuffer);
        Assert.Equal(64, ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.event-buffer = 64")).EventBuffer);

        var tooSmall = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.event-buffer = 0")));
        Assert.Contains("pbm.api.event-buffer", tooSmall.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.event-buffer = 2000000")));
    }

    [Fact]
    public async Task Each_event_names_the_state_it_left()
    {
        await using var backend = await Backend.StartAsync(string.Empty);
        await using var events = backend.Actor.EventsAsync(Ct).GetAsyncEnumerator(Ct);
        var first = events.MoveNextAsync();

        await backend.Actor.StartAsync(new StartProcessRequest("once", ["true"], RestartPolicy: "never"), Ct);

        Assert.True(await first);
        var seen = new List<ProcessEvent> { events.Current };
        while (seen[^1].Status != "exited")
        {
            Assert.True(await events.MoveNextAsync());
            seen.Add(events.Current);
        }

        // Each change starts where the one before it ended.
        Assert.All(seen, e => Assert.NotNull(e.Previous));
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.Equal(seen[i - 1].Status, seen[i].Previous);
        }
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_keeps_the_newest_events_and_the_dropped_ones_are_counted()
    {
        await using var backend = await Backend.StartAsync("pbm.api.event-buffer = 16\n");
        await using var events = backend.Actor.EventsAsync(Ct).GetAsyncEnumerator(Ct);
        var first = events.MoveNextAsync();

        // Each program starts, runs and exits: about three events each, far more than the 16 held.
        const int Programs = 12;
        for (var i = 0; i < Programs; i++)
        {
            await backend.Actor.StartAsync(new StartProcessRequest($"t{i}", ["true"], RestartPolicy: "never"), Ct);
        }

        Assert.True(await first);
        await TestTime.EventuallyAsync(
            async () => (await backend.Actor.ListAsync(Ct)).All(p => p.Pid is null) && (await EventBufferAsync(backend.Actor)).Dropped > 0,
            TimeSpan.FromSeconds(30),
            "every program exited and the full buffer dropped events");

        var buffer = await EventBufferAsync(backend.Actor);
        Assert.Equal(16, buffer.Capacity);
        Assert.Equal(16, buffer.Used);
        var held = new List<ProcessEvent>();
        for (var i = 0; i < buffer.Used; i++)
        {
            Assert.True(await events.MoveNextAsync());
            held.Add(events.Current);
        }

        // Dropping the oldest: the last program's events are kept, the first program's later ones are gone.
        Assert.Contains(held, e => e.Process.StartsWith($"t{Programs - 1}", StringComparison.Ordinal));
        Assert.DoesNotContain(held, e => e.Process.StartsWith("t0", StringComparison.Ordinal));
        Assert.True((await EventBufferAsync(backend.Actor)).Dropped >= 1);
    }

    [Fact]
    public async Task A_command_waits_as_long_as_pbm_api_command_timeout_not_a_fixed_time()
    {
        // The program ignores SIGTERM, so stopping it takes its whole 60 s stop timeout; the command timeout is 1 s.
        await using var backend = await Backend.StartAsync("pbm.api.command-timeout = 1s\npbm.process-defaults.stop.timeout = 60s\n");
        await backend.Actor.StartAsync(new StartProcessRequest("stubborn", ["sh", "-c", "trap '' TERM; echo ignoring; while :; do sleep 1; done"], RestartPolicy: "never"), Ct);

        // Running means exec'd, not yet past the trap: a SIGTERM before it would end the shell at once.
        await TestTime.EventuallyAsync(
            async () => (await backend.Actor.TailAsync("stubborn", 10, Ct)).Any(line => line.Text == "ignoring"),
            TimeSpan.FromSeconds(30),
            "the shell ignores SIGTERM");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ApiException>(() => backend.Actor.StopAsync("stubborn", Ct));

        Assert.Equal(504, error.StatusCode);
        Assert.True(started.Elapsed < TestTime.Scale(TimeSpan.FromSeconds(40)), $"gave up after {started.Elapsed}, not after the stop timeout");
        Assert.Contains("6 s", error.Detail, StringComparison.Ordinal);
    }

    private static async Task<BufferUsage> EventBufferAsync(ActorProcessBackend backend) =>
        (await backend.BufferUsageAsync(Ct)).Single(b => b is { Subsystem: "events", Name: "subscriber-buffer" });

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>The real actor backend over an actor system in a temp PBM_HOME, without the API; kills what it started on dispose.</summary>
    private sealed class Backend : IAsyncDisposable
    {
        private readonly ActorSystem _system;

        private Backend(string home, ActorSystem system, ActorProcessBackend actor)
        {
            Home = home;
            _system = system;
            Actor = actor;
        }

        public string Home { get; }

        public ActorProcessBackend Actor { get; }

        public static async Task<Backend> StartAsync(string config)
        {
            var home = Directory.CreateTempSubdirectory("pbm-backend-limits-").FullName;
            var file = Path.Combine(home, "daemon.conf");
            await File.WriteAllTextAsync(file, config, Ct);
            var setup = ProcessManagerSetup.Load(new ProcessManagerOptions { PbmHome = home, ConfigFile = file });
            var system = ActorSystem.Create("backend-limits", ProcessManagerAkkaConfig.For(setup));
            var supervisor = system.StartProcessSupervisor(setup.Supervisor);
            return new Backend(home, system, new ActorProcessBackend(system, supervisor, setup));
        }

        public async ValueTask DisposeAsync()
        {
            var running = await Actor.ListAsync(CancellationToken.None);
            foreach (var pid in running.Select(p => p.Pid).OfType<int>())
            {
                // Each program leads its own process group: kill it first, so stopping does not wait out its timeout.
                _ = Kill(-pid, 9);
            }

            await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Home, recursive: true);
        }
    }
}
