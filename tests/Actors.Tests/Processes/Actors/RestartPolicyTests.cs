using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class RestartPolicyTests : ProcessSupervisorTestBase
{
    private static ProcessSpec Exiting(string name, int code, RestartPolicy restart) =>
        Spec(name, "sh", "-c", $"exit {code}") with { Restart = restart, SuccessExitCodes = [0, 3] };

    [Theory]
    [InlineData(3, RestartPolicy.OnFailure)]
    [InlineData(1, RestartPolicy.Never)]
    public void A_program_that_should_not_restart_ends_exited(int code, RestartPolicy restart)
    {
        var supervisor = StartSupervisor();

        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Exiting("once", code, restart)));

        var exited = ExpectState("once-0", ProcessState.Exited);
        Assert.Equal(code, exited.Status.LastExitCode);
        Assert.Equal(0, exited.Status.Restarts);
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(1, RestartPolicy.OnFailure)]
    [InlineData(0, RestartPolicy.Always)]
    public void A_program_that_should_restart_backs_off_then_runs_again(int code, RestartPolicy restart)
    {
        var supervisor = StartSupervisor();

        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Exiting("again", code, restart)));

        var backingOff = ExpectState("again-0", ProcessState.BackingOff);
        Assert.Equal(code, backingOff.Status.LastExitCode);
        Assert.NotNull(backingOff.Status.NextAttemptAt);
        Assert.True(ExpectState("again-0", ProcessState.Running).Status.Restarts >= 1);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("again"));
    }

    [Fact]
    public async Task Backoff_delays_grow_from_min_and_are_capped_at_max()
    {
        var supervisor = StartSupervisor();
        var spec = Spec("crasher", "sh", "-c", "exit 1") with
        {
            Backoff = new BackoffSettings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80), 0, TimeSpan.FromSeconds(30)),
            CrashLoop = new CrashLoopSettings(100, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
        };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec));

        ExpectState("crasher-0", ProcessState.BackingOff, e => e.Status.Restarts >= 5);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("crasher"));

        var delays = (await JournalEventsAsync("process/crasher-0"))
            .OfType<RestartScheduled>().Select(r => (int)r.Delay.TotalMilliseconds).Take(5).ToArray();
        Assert.Equal([20, 40, 80, 80, 80], delays);
    }

    [Fact]
    public void A_crash_loop_cools_down_then_tries_again_with_a_fresh_window()
    {
        var supervisor = StartSupervisor();
        var spec = Spec("looper", "sh", "-c", "exit 1") with
        {
            Backoff = new BackoffSettings(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), 0, TimeSpan.FromSeconds(30)),
            CrashLoop = new CrashLoopSettings(2, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500)),
        };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec));

        var loop = ExpectState("looper-0", ProcessState.CrashLoop);
        Assert.Equal(3, loop.Status.Restarts);
        Assert.StartsWith("crash-loop", loop.Status.Error, StringComparison.Ordinal);
        Assert.NotNull(loop.Status.NextAttemptAt);

        // After the cool-down it runs again, and needs another full window of crashes to loop again.
        ExpectState("looper-0", ProcessState.Starting, e => e.Previous == ProcessState.CrashLoop);
        var again = ExpectState("looper-0", ProcessState.CrashLoop);
        Assert.Equal(6, again.Status.Restarts);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("looper"));
    }

    [Fact]
    public void A_program_above_its_memory_limit_is_restarted_gracefully_with_the_reason()
    {
        var supervisor = StartSupervisor();
        var spec = Spec("hog", TestProgram, "--rss-mb", "80", "--ready", "--sleep", "inf") with { MemoryLimitBytes = 40L * 1024 * 1024 };

        var first = Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec)).Instances[0].Pid;

        var stopping = ExpectState("hog-0", ProcessState.Stopping);
        Assert.Contains("memory-limit", stopping.Reason, StringComparison.Ordinal);
        var running = ExpectState("hog-0", ProcessState.Running);
        Assert.NotEqual(first, running.Status.Pid);
        Assert.Equal(1, running.Status.Restarts);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("hog"));
    }
}
