using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class ShutdownTests : ProcessSupervisorTestBase
{
    [Fact]
    public async Task Terminating_the_actor_system_stops_programs_gracefully_and_keeps_their_desired_state()
    {
        var daemon = StartDaemon("daemon");
        int pid;
        try
        {
            var supervisor = daemon.StartProcessSupervisor(Settings);
            pid = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("svc", "sleep", "300"))).Instances[0].Pid!.Value;
        }
        finally
        {
            // Coordinated shutdown: its service-stop phase stops every program before the actors go.
            await CoordinatedShutdown.Get(daemon).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        }

        Assert.False(IsAlive(pid));
        var exited = (await JournalEventsAsync("process/svc-0")).OfType<ProgramExitedEvent>().Single();
        Assert.Equal(SignalNames.SIGTERM, exited.Signal);
        var app = await JournalEventsAsync("app/svc");
        Assert.Contains(app, e => e is AppDeclared { Desired: DesiredState.Running });
        Assert.DoesNotContain(app, e => e is DesiredStateChanged { Desired: DesiredState.Stopped });
    }

    [Fact]
    public async Task A_program_that_ignores_its_stop_signal_is_killed_at_its_stop_timeout_during_shutdown_and_named_in_the_log()
    {
        var daemon = StartDaemon("daemon");
        var warnings = CreateTestProbe("warnings");
        daemon.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        int pid;
        try
        {
            var supervisor = daemon.StartProcessSupervisor(Settings);
            var spec = Spec("stubborn", "sh", "-c", "trap '' TERM; exec sleep 300") with
            {
                Stop = new StopSettings(SignalNames.SIGTERM, TimeSpan.FromSeconds(1)),
            };
            pid = Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec)).Instances[0].Pid!.Value;

            // SIGTERM is ignored once the shell has run its trap (and stays ignored across exec).
            AwaitCondition(() => IgnoresSigterm(pid), Patience, cancellationToken: TestContext.Current.CancellationToken);
        }
        finally
        {
            await CoordinatedShutdown.Get(daemon).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        }

        Assert.False(IsAlive(pid));
        var exited = (await JournalEventsAsync("process/stubborn-0")).OfType<ProgramExitedEvent>().Single();
        Assert.Equal(SignalNames.SIGKILL, exited.Signal);
        var warning = warnings.FishForMessage<Warning>(
            w => w.Message.ToString()!.Contains("SIGKILL", StringComparison.Ordinal),
            Patience,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains($"stubborn-0 (pid {pid})", warning.Message.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Bit 15 (SIGTERM) of the ignored-signals mask in /proc/PID/status.</summary>
    private static bool IgnoresSigterm(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (SignalNames.SIGTERM - 1))) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
