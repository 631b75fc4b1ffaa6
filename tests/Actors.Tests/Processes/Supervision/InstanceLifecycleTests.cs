using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using Xunit;
using static ProcessManager.Actors.Processes.Supervision.InstanceEvent;

namespace ProcessManager.Actors.Tests.Processes.Supervision;

public sealed class InstanceLifecycleTests
{
    private static readonly TimeSpan Now = TimeSpan.FromHours(1);

    /// <summary>Attempt n (1-based) waits n seconds; the kernel passes n - 1 restarts made before.</summary>
    private sealed class FixedDelays : IRestartDelayPolicy
    {
        public TimeSpan NextDelay(int attempt) => TimeSpan.FromSeconds(attempt + 1);
    }

    private static ProcessSpec Service(RestartPolicy restart = RestartPolicy.Always, CrashLoopSettings? crashLoop = null) => new()
    {
        Name = "web",
        Argv = ["sleep", "10"],
        Restart = restart,
        CrashLoop = crashLoop ?? new CrashLoopSettings(3, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30)),
        Backoff = new BackoffSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), 0, TimeSpan.FromSeconds(10)),
    };

    private static InstanceLifecycle Running(ProcessSpec spec)
    {
        var lifecycle = new InstanceLifecycle(spec, new FixedDelays());
        lifecycle.Handle(new StartRequested("test"), Now);
        lifecycle.Handle(new Spawned(42), Now);
        return lifecycle;
    }

    private static Exited Crash(double uptimeSeconds = 0.1) => new(ExitOutcome.FromCode(1), TimeSpan.FromSeconds(uptimeSeconds));

    [Fact]
    public void Start_spawns_and_spawned_runs_with_the_pid()
    {
        var lifecycle = new InstanceLifecycle(Service(), new FixedDelays());

        var start = lifecycle.Handle(new StartRequested("by hand"), Now);
        Assert.Equal(ProcessState.Starting, start.To);
        Assert.Contains(start.Effects, e => e is InstanceEffect.Spawn);

        var spawned = lifecycle.Handle(new Spawned(42), Now);
        Assert.Equal(ProcessState.Running, spawned.To);
        Assert.Equal(42, lifecycle.Pid);
    }

    [Fact]
    public void A_crash_backs_off_with_growing_delays_and_counts_restarts()
    {
        var lifecycle = Running(Service());

        var first = lifecycle.Handle(Crash(), Now);
        Assert.Equal(ProcessState.BackingOff, first.To);
        var schedule = Assert.Single(first.Effects.OfType<InstanceEffect.ScheduleRestart>());
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.Delay);

        Assert.Equal(ProcessState.Starting, lifecycle.Handle(new RestartDue(schedule.Generation), Now).To);
        lifecycle.Handle(new Spawned(43), Now);
        var second = lifecycle.Handle(Crash(), Now + TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(2), second.Effects.OfType<InstanceEffect.ScheduleRestart>().Single().Delay);
        Assert.Equal(2, lifecycle.Restarts);
        Assert.Equal(ExitOutcome.FromCode(1), lifecycle.LastExit);
    }

    [Fact]
    public void A_long_run_resets_the_backoff_attempt()
    {
        var lifecycle = Running(Service());
        var first = lifecycle.Handle(Crash(), Now);
        lifecycle.Handle(new RestartDue(first.Effects.OfType<InstanceEffect.ScheduleRestart>().Single().Generation), Now);
        lifecycle.Handle(new Spawned(43), Now);

        var afterLongRun = lifecycle.Handle(Crash(uptimeSeconds: 30), Now + TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(1), afterLongRun.Effects.OfType<InstanceEffect.ScheduleRestart>().Single().Delay);
    }

    [Fact]
    public void On_failure_does_not_restart_a_success_exit()
    {
        var lifecycle = Running(Service(RestartPolicy.OnFailure));

        var exit = lifecycle.Handle(new Exited(ExitOutcome.FromCode(0), TimeSpan.FromSeconds(1)), Now);

        Assert.Equal(ProcessState.Exited, exit.To);
        Assert.Equal(0, lifecycle.Restarts);
    }

    [Fact]
    public void Too_many_restarts_within_the_window_enter_crash_loop_then_cool_down_restarts()
    {
        var lifecycle = Running(Service());
        Transition last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = lifecycle.Handle(Crash(), Now + TimeSpan.FromSeconds(i));
            if (last.To == ProcessState.BackingOff)
            {
                lifecycle.Handle(new RestartDue(lifecycle.Generation), Now);
                lifecycle.Handle(new Spawned(100 + i), Now);
            }
        }

        Assert.Equal(ProcessState.CrashLoop, last.To);
        var coolDown = Assert.Single(last.Effects.OfType<InstanceEffect.ScheduleCoolDown>());
        Assert.Equal(TimeSpan.FromSeconds(30), coolDown.Delay);
        Assert.StartsWith("crash-loop", lifecycle.Error, StringComparison.Ordinal);

        var over = lifecycle.Handle(new CoolDownOver(coolDown.Generation), Now + TimeSpan.FromSeconds(40));
        Assert.Equal(ProcessState.Starting, over.To);
        lifecycle.Handle(new Spawned(200), Now);

        // A fresh window: the next crash backs off again from the first delay.
        var next = lifecycle.Handle(Crash(), Now + TimeSpan.FromSeconds(41));
        Assert.Equal(ProcessState.BackingOff, next.To);
        Assert.Equal(TimeSpan.FromSeconds(1), next.Effects.OfType<InstanceEffect.ScheduleRestart>().Single().Delay);
    }

    [Fact]
    public void Cool_down_off_makes_the_crash_loop_permanent_until_started_by_hand()
    {
        var lifecycle = Running(Service(crashLoop: new CrashLoopSettings(1, TimeSpan.FromMinutes(1), null)));
        lifecycle.Handle(Crash(), Now);
        lifecycle.Handle(new RestartDue(lifecycle.Generation), Now);
        lifecycle.Handle(new Spawned(43), Now);

        var loop = lifecycle.Handle(Crash(), Now);

        Assert.Equal(ProcessState.CrashLoop, loop.To);
        Assert.DoesNotContain(loop.Effects, e => e is InstanceEffect.ScheduleCoolDown);
        Assert.Equal(ProcessState.Starting, lifecycle.Handle(new StartRequested("by hand"), Now).To);
    }

    [Fact]
    public void A_stale_restart_timer_is_ignored()
    {
        var lifecycle = Running(Service());
        var crash = lifecycle.Handle(Crash(), Now);
        var stale = crash.Effects.OfType<InstanceEffect.ScheduleRestart>().Single().Generation;
        lifecycle.Handle(new StopRequested("by hand"), Now);
        lifecycle.Handle(new StartRequested("by hand"), Now);
        lifecycle.Handle(new Spawned(50), Now);
        lifecycle.Handle(Crash(), Now);

        var due = lifecycle.Handle(new RestartDue(stale), Now);

        Assert.True(due.Ignored);
        Assert.Equal(ProcessState.BackingOff, lifecycle.State);
    }

    [Fact]
    public void Stop_while_running_signals_then_exit_is_stopped_and_not_restarted()
    {
        var lifecycle = Running(Service());

        var stop = lifecycle.Handle(new StopRequested("by hand"), Now);
        Assert.Equal(ProcessState.Stopping, stop.To);
        Assert.Contains(stop.Effects, e => e is InstanceEffect.StopProgram);

        var exit = lifecycle.Handle(new Exited(ExitOutcome.FromSignal(15), TimeSpan.FromSeconds(1)), Now);
        Assert.Equal(ProcessState.Stopped, exit.To);
        Assert.Equal(0, lifecycle.Restarts);
    }

    [Fact]
    public void Stop_while_backing_off_cancels_the_restart()
    {
        var lifecycle = Running(Service());
        lifecycle.Handle(Crash(), Now);

        var stop = lifecycle.Handle(new StopRequested("by hand"), Now);

        Assert.Equal(ProcessState.Stopped, stop.To);
        Assert.Contains(stop.Effects, e => e is InstanceEffect.CancelTimers);
        Assert.Null(lifecycle.NextAttemptDelay);
    }

    [Fact]
    public void Restart_while_running_stops_then_spawns_again()
    {
        var lifecycle = Running(Service());

        Assert.Equal(ProcessState.Stopping, lifecycle.Handle(new RestartRequested("memory limit", Counted: true), Now).To);
        var exit = lifecycle.Handle(new Exited(ExitOutcome.FromSignal(15), TimeSpan.FromSeconds(1)), Now);

        Assert.Equal(ProcessState.Starting, exit.To);
        Assert.Contains(exit.Effects, e => e is InstanceEffect.Spawn);
        Assert.Equal(1, lifecycle.Restarts);
    }

    [Fact]
    public void Spawn_failure_is_errored_with_the_os_text_and_not_retried()
    {
        var lifecycle = new InstanceLifecycle(Service(), new FixedDelays());
        lifecycle.Handle(new StartRequested("test"), Now);

        var failed = lifecycle.Handle(new SpawnFailed("No such file or directory"), Now);

        Assert.Equal(ProcessState.Errored, failed.To);
        Assert.Empty(failed.Effects);
        Assert.Equal("No such file or directory", lifecycle.Error);
    }

    [Fact]
    public void Stop_during_spawn_ends_stopped_once_the_program_exits()
    {
        var lifecycle = new InstanceLifecycle(Service(), new FixedDelays());
        lifecycle.Handle(new StartRequested("test"), Now);

        Assert.Equal(ProcessState.Stopping, lifecycle.Handle(new StopRequested("by hand"), Now).To);
        lifecycle.Handle(new Spawned(7), Now);
        Assert.Equal(ProcessState.Stopped, lifecycle.Handle(new Exited(ExitOutcome.FromSignal(15), TimeSpan.Zero), Now).To);
    }

    [Fact]
    public void A_job_runs_once_and_reports_its_result()
    {
        var job = Service() with { Kind = ProcessKind.Job };
        var lifecycle = Running(job);

        var exit = lifecycle.Handle(new Exited(ExitOutcome.FromCode(1), TimeSpan.FromSeconds(2)), Now);

        Assert.Equal(ProcessState.Exited, exit.To);
        var result = Assert.Single(exit.Effects.OfType<InstanceEffect.JobFinished>());
        Assert.False(result.Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(2), result.Duration);
    }

    [Fact]
    public void A_job_timeout_kills_the_group_and_records_a_timed_out_run()
    {
        var job = Service() with { Kind = ProcessKind.Job, Timeout = TimeSpan.FromSeconds(5) };
        var lifecycle = new InstanceLifecycle(job, new FixedDelays());
        lifecycle.Handle(new StartRequested("test"), Now);
        var spawned = lifecycle.Handle(new Spawned(9), Now);
        var arm = Assert.Single(spawned.Effects.OfType<InstanceEffect.ArmJobTimeout>());

        var timeout = lifecycle.Handle(new JobTimedOut(arm.Generation), Now);
        Assert.Contains(timeout.Effects, e => e is InstanceEffect.KillProgram);

        var exit = lifecycle.Handle(new Exited(ExitOutcome.FromSignal(9), TimeSpan.FromSeconds(5)), Now);
        Assert.Equal(ProcessState.Exited, exit.To);
        Assert.True(exit.Effects.OfType<InstanceEffect.JobFinished>().Single().TimedOut);
    }

    [Fact]
    public void Every_state_handles_every_event_without_throwing()
    {
        InstanceEvent[] events =
        [
            new StartRequested("s"), new StopRequested("s"), new RestartRequested("r", false), new Spawned(1),
            new SpawnFailed("e"), Crash(), new RestartDue(0), new CoolDownOver(0), new JobTimedOut(0),
        ];

        // Drive random sequences: every cell of state × event must be decided.
        var random = new Random(7);
        var lifecycle = new InstanceLifecycle(Service(crashLoop: new CrashLoopSettings(2, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1))), new FixedDelays());
        var seen = new HashSet<(ProcessState, Type)>();
        for (var i = 0; i < 20_000; i++)
        {
            var @event = events[random.Next(events.Length)];
            @event = @event switch
            {
                RestartDue => new RestartDue(lifecycle.Generation),
                CoolDownOver => new CoolDownOver(lifecycle.Generation),
                JobTimedOut => new JobTimedOut(lifecycle.Generation),
                _ => @event,
            };
            seen.Add((lifecycle.State, @event.GetType()));
            var transition = lifecycle.Handle(@event, Now + TimeSpan.FromSeconds(i));
            Assert.Equal(transition.To, lifecycle.State);
        }

        Assert.True(seen.Count >= 60, $"only {seen.Count} state × event cells visited");
    }
}
