using Akka.Actor;
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
}
