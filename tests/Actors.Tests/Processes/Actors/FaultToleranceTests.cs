using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

/// <summary>No single point of death: an actor's exception never stops a program.</summary>
public sealed class FaultToleranceTests : ProcessSupervisorTestBase
{
    [Fact]
    public void A_handler_of_the_supervisor_that_throws_is_skipped_and_answered_and_no_program_stops()
    {
        var supervisor = StartSupervisor();
        var pid = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("keep", "sleep", "300"))).Instances[0].Pid!.Value;
        ExpectState("keep-0", ProcessState.Running);

        // A null name throws inside the supervisor's handler (its app table refuses null keys).
        var failed = Command<CommandFailed>(supervisor, new DescribeProcess(null!));
        Assert.Contains("internal error while handling DescribeProcess", failed.Reason, StringComparison.Ordinal);
        var second = Command<CommandFailed>(supervisor, new StopProcess(null!));
        Assert.Contains("StopProcess", second.Reason, StringComparison.Ordinal);

        var keep = Assert.Single(Command<ProcessList>(supervisor, ListProcesses.Instance).Processes);
        Assert.Equal((ProcessState.Running, pid), (keep.State, keep.Pid));
        Assert.True(IsAlive(pid));
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        Command<ProcessesShutDown>(supervisor, ShutdownProcesses.Instance);
    }
}
