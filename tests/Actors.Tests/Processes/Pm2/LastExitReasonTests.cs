using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using Xunit;
using static ProcessManager.Actors.Processes.Supervision.InstanceEvent;

namespace ProcessManager.Actors.Tests.Processes.Pm2;

/// <summary>describe's "last exit": the outcome, and whether pbm ended the program (and why) or it ended by itself.</summary>
public sealed class LastExitReasonTests
{
    private static readonly TimeSpan Now = TimeSpan.FromHours(1);

    [Fact]
    public void An_exit_of_its_own_says_so_with_the_code()
    {
        var lifecycle = Running();

        lifecycle.Handle(new Exited(ExitOutcome.FromCode(3), TimeSpan.FromSeconds(1)), Now);

        Assert.Equal("exit code 3, exited by itself", lifecycle.LastExitReason);
    }

    [Fact]
    public void A_sigkill_pbm_did_not_send_points_at_the_oom_killer()
    {
        var lifecycle = Running();

        lifecycle.Handle(new Exited(ExitOutcome.FromSignal(SignalNames.SIGKILL), TimeSpan.FromSeconds(1)), Now);

        Assert.Equal("killed by SIGKILL, not sent by pbm (the kernel's OOM killer, or another process)", lifecycle.LastExitReason);
    }

    [Fact]
    public void A_stop_and_a_memory_limit_restart_name_their_reason()
    {
        var lifecycle = Running();
        lifecycle.Handle(new StopRequested("stop requested"), Now);
        lifecycle.Handle(new Exited(ExitOutcome.FromSignal(SignalNames.SIGTERM), TimeSpan.FromSeconds(1)), Now);
        Assert.Equal("killed by SIGTERM, stopped by pbm: stop requested", lifecycle.LastExitReason);

        lifecycle.Handle(new StartRequested("test"), Now);
        lifecycle.Handle(new Spawned(43), Now);
        lifecycle.Handle(new RestartRequested("memory-limit: rss 900 bytes > limit 100 bytes", Counted: true), Now);
        lifecycle.Handle(new Exited(ExitOutcome.FromCode(0), TimeSpan.FromSeconds(1)), Now);

        Assert.Equal("exit code 0, stopped by pbm: memory-limit: rss 900 bytes > limit 100 bytes", lifecycle.LastExitReason);
    }

    private sealed class NoDelays : IRestartDelayPolicy
    {
        public TimeSpan NextDelay(int attempt) => TimeSpan.FromSeconds(1);
    }

    private static InstanceLifecycle Running()
    {
        var lifecycle = new InstanceLifecycle(new ProcessSpec { Name = "web", Argv = ["sleep", "10"] }, new NoDelays());
        lifecycle.Handle(new StartRequested("test"), Now);
        lifecycle.Handle(new Spawned(42), Now);
        return lifecycle;
    }
}
