using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class ProcessLifecycleTests : ProcessSupervisorTestBase
{
    [Fact]
    public void Start_runs_the_program_and_stop_ends_it_and_keeps_it_stopped()
    {
        var supervisor = StartSupervisor();

        var started = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("sleeper", "sleep", "300")));
        var running = Assert.Single(started.Instances);
        Assert.Equal(ProcessState.Running, running.State);
        Assert.Equal("sleeper-0", running.FullName);
        var pid = running.Pid!.Value;
        Assert.True(IsAlive(pid));

        var list = Command<ProcessList>(supervisor, ListProcesses.Instance);
        Assert.Equal(pid, Assert.Single(list.Processes).Pid);

        var stopped = Command<ProcessCommandCompleted>(supervisor, new StopProcess("sleeper"));
        Assert.Equal(ProcessState.Stopped, Assert.Single(stopped.Instances).State);
        Assert.Equal(SignalNames.SIGTERM, stopped.Instances[0].LastSignal);
        Assert.False(IsAlive(pid));
        ExpectState("sleeper-0", ProcessState.Stopped);
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Spawn_failure_is_errored_with_the_os_message_and_not_retried()
    {
        var supervisor = StartSupervisor();

        var reply = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("ghost", "/nonexistent/program")));

        var status = Assert.Single(reply.Instances);
        Assert.Equal(ProcessState.Errored, status.State);
        Assert.Contains("No such file or directory", status.Error, StringComparison.Ordinal);
        Events.FishForMessage<ProcessStateChanged>(e => e.State == ProcessState.Errored, Patience, cancellationToken: TestContext.Current.CancellationToken);
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Unknown_names_and_invalid_specs_get_typed_errors()
    {
        var supervisor = StartSupervisor();

        Assert.Equal("nope", Command<ProcessNotFound>(supervisor, new StopProcess("nope")).Name);
        var invalid = Command<InvalidProcessSpec>(supervisor, new StartProcess(Spec("bad name")));
        Assert.Equal("name", invalid.Field);
    }

    [Fact]
    public void Stop_kills_the_grandchildren_too()
    {
        var supervisor = StartSupervisor();
        var started = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("tree", TestProgram, "--grandchildren", "2", "--ready", "--sleep", "inf")));
        var pid = started.Instances[0].Pid!.Value;
        AwaitCondition(() => SessionMembers(pid).Count >= 3, Patience, "the program and its two grandchildren run", TestContext.Current.CancellationToken);

        Command<ProcessCommandCompleted>(supervisor, new StopProcess("tree"));

        AwaitCondition(() => SessionMembers(pid).Count == 0, Patience, "nothing of the session survives the stop", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_program_ignoring_sigterm_is_killed_after_the_stop_timeout()
    {
        var supervisor = StartSupervisor();
        var spec = Spec("stubborn", TestProgram, "--ignore-sigterm", "--ready", "--sleep", "inf") with
        {
            Stop = new StopSettings(SignalNames.SIGTERM, TimeSpan.FromMilliseconds(500)),
        };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec));
        AwaitCondition(
            () => Command<LogLines>(supervisor, new TailLog("stubborn")).Lines.Any(line => line.Text == "READY"),
            Patience,
            "the program installed its SIGTERM handler", TestContext.Current.CancellationToken);

        var stopped = Command<ProcessCommandCompleted>(supervisor, new StopProcess("stubborn"));

        Assert.Equal(ProcessState.Stopped, stopped.Instances[0].State);
        Assert.Equal(SignalNames.SIGKILL, stopped.Instances[0].LastSignal);
    }
}
