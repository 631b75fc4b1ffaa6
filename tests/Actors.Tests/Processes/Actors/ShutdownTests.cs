using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Kernel;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class ShutdownTests : ProcessSupervisorTestBase
{
    [Fact]
    public async Task Terminating_the_actor_system_stops_programs_gracefully_and_keeps_their_desired_state()
    {
        var journal = new InMemoryProcessJournal();
        var daemon = ActorSystem.Create("daemon");
        int pid;
        try
        {
            var supervisor = ProcessSupervisor.Start(daemon, Settings, journal);
            pid = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("svc", "sleep", "300"))).Instances[0].Pid!.Value;
        }
        finally
        {
            await daemon.Terminate();
        }

        Assert.False(IsAlive(pid));
        var exited = (await journal.ReadAsync("process/svc-0", null, 100, TestContext.Current.CancellationToken))
            .Select(e => e.Event).OfType<ProgramExitedEvent>().Single();
        Assert.Equal(SignalNames.SIGTERM, exited.Signal);
        var app = await journal.ReadAsync("app/svc", null, 100, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(app, e => e.Event is DesiredStateChanged { Desired: DesiredState.Stopped });
    }
}
