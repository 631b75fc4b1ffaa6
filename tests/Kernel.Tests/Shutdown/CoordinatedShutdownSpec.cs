using System.Collections.Concurrent;

namespace ProcessManager.Kernel.Tests.Shutdown;

public sealed class CoordinatedShutdownSpec
{
    private static ActorSystemSettings Settings(TimeSpan phaseTimeout, bool recover = true) => new()
    {
        CoordinatedShutdown = new CoordinatedShutdownSettings
        {
            Phases =
            [
                new("first", phaseTimeout, recover),
                new("second", phaseTimeout),
                new("third", phaseTimeout),
                new(CoordinatedShutdown.PhaseActorSystemTerminate, TimeSpan.FromSeconds(10)),
            ],
        },
    };

    private sealed class Stopper(ConcurrentQueue<string> log) : ReceiveActor
    {
        protected override void PostStop() => log.Enqueue("actor stopped");
    }

    [Fact]
    public async Task Phases_run_in_order_and_actors_stop_last()
    {
        var log = new ConcurrentQueue<string>();
        var system = ActorSystem.Create("cs", Settings(TimeSpan.FromSeconds(5)));
        system.ActorOf(Props.Create(() => new Stopper(log)));
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask("third", "t3", () =>
        {
            log.Enqueue("third");
            return Task.CompletedTask;
        });
        shutdown.AddTask("first", "t1", async () =>
        {
            await Task.Yield();
            log.Enqueue("first");
        });
        shutdown.AddTask("second", "t2", () =>
        {
            log.Enqueue("second");
            return Task.CompletedTask;
        });
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["first", "second", "third", "actor stopped"], log);
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        Assert.Same(ShutdownReason.ActorSystemTerminate, shutdown.ShutdownReason);
    }

    [Fact]
    public async Task A_phase_that_times_out_is_cancelled_and_shutdown_continues()
    {
        var system = ActorSystem.Create("cs", Settings(TimeSpan.FromMilliseconds(100)));
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ranSecond = false;
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask("first", "hangs", async token =>
        {
            token.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        });
        shutdown.AddTask("second", "after", () =>
        {
            ranSecond = true;
            return Task.CompletedTask;
        });
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(ranSecond);
    }

    [Fact]
    public async Task A_failed_phase_without_recover_skips_to_system_termination()
    {
        var system = ActorSystem.Create("cs", Settings(TimeSpan.FromSeconds(5), recover: false));
        var ranSecond = false;
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask("first", "fails", () => Task.FromException(new InvalidOperationException("nope")));
        shutdown.AddTask("second", "skipped", () =>
        {
            ranSecond = true;
            return Task.CompletedTask;
        });
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(ranSecond);
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Terminate_runs_once_and_later_calls_share_the_result()
    {
        var system = ActorSystem.Create("cs");
        var runs = 0;
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "count", () =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        var first = system.Terminate();
        var second = system.Terminate();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, runs);
        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create<EchoActor>()));
    }

    [Fact]
    public void Unknown_phases_and_bad_settings_are_rejected_with_the_name()
    {
        using var system = ActorSystem.Create("cs");
        var error = Assert.Throws<ArgumentException>(() => CoordinatedShutdown.Get(system).AddTask("nope", "t", () => Task.CompletedTask));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("x", new ActorSystemSettings { Throughput = 0 }));
        Assert.Contains("Throughput", bad.Message, StringComparison.Ordinal);
    }
}
