using ProcessManager.Actors.Os;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Kernel;
using ProcessManager.Persistence;
using ProcessManager.Persistence.Serialization;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class RecoveryTests : ProcessSupervisorTestBase, IAsyncLifetime
{
    private IPersistenceStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _store = await PersistenceStore.OpenAsync(
            new PersistenceSettings { SqlitePath = Home.File("pbm.db") }, StoredProcessJournal.Register(new EventSerializer()), Ct);

    // xunit calls DisposeAsync instead of Dispose when a class has both: the base Dispose stops the
    // actor system and kills every program it started, and must run before the store closes.
    public async ValueTask DisposeAsync()
    {
        Dispose();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_restarted_daemon_restores_desired_states_and_restart_counters_from_the_journal()
    {
        var journal = new StoredProcessJournal(_store);
        var firstDaemon = ActorSystem.Create("first-daemon");
        int keptPid;
        try
        {
            var supervisor = StartSupervisor(journal, firstDaemon);
            keptPid = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("keep", "sleep", "300"))).Instances[0].Pid!.Value;
            Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("off", "sleep", "300")));
            Command<ProcessCommandCompleted>(supervisor, new StopProcess("off"));
            var flaky = Spec("flaky", "sh", "-c", "exit 1") with { CrashLoop = new CrashLoopSettings(2, TimeSpan.FromMinutes(1), null) };
            Command<ProcessCommandCompleted>(supervisor, new StartProcess(flaky));
            AwaitCondition(
                () => Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "flaky").State == ProcessState.CrashLoop,
                Patience,
                "flaky reaches crash-loop");
            Command<ProcessesShutDown>(supervisor, ShutdownProcesses.Instance);
        }
        finally
        {
            await firstDaemon.Terminate();
        }

        Assert.False(IsAlive(keptPid));
        var second = StartSupervisor(journal);

        var kept = ExpectState("keep-0", ProcessState.Running);
        Assert.NotEqual(keptPid, kept.Status.Pid);
        var flakyAgain = ExpectState("flaky-0", ProcessState.Running);
        Assert.True(flakyAgain.Status.Restarts >= 3, $"restarts continue from the journal, got {flakyAgain.Status.Restarts}");
        var list = Command<ProcessList>(second, ListProcesses.Instance);
        Assert.Equal(ProcessState.Stopped, list.Processes.Single(p => p.Name == "off").State);
        Assert.Null(list.Processes.Single(p => p.Name == "off").Pid);

        var history = Command<ProcessHistory>(second, new GetProcessHistory("keep"));
        Assert.Equal(2, history.Entries.Count(e => e.Event == "started"));
        Assert.Contains(history.Entries, e => e.Event == "declared" && e.Instance == "keep");
        Command<ProcessesShutDown>(second, ShutdownProcesses.Instance);
    }

    [Fact]
    public async Task A_program_left_alive_by_a_killed_daemon_is_adopted_not_duplicated_or_stopped_if_it_should_not_run()
    {
        var journal = new StoredProcessJournal(_store);
        using var orphan = ProcessSpawner.Spawn(new SpawnRequest(["sleep", "300"]));
        using var unwanted = ProcessSpawner.Spawn(new SpawnRequest(["sleep", "301"]));
        using var gone = ProcessSpawner.Spawn(new SpawnRequest(["true"]));
        await gone.Exited;
        await Record(journal, Spec("adopt", "sleep", "300"), DesiredState.Running, orphan, restarts: 2);
        await Record(journal, Spec("held", "sleep", "301"), DesiredState.Stopped, unwanted, restarts: 0);
        await Record(journal, Spec("gone", "sleep", "300"), DesiredState.Running, gone, restarts: 0);

        var supervisor = StartSupervisor(journal);

        var adopted = ExpectState("adopt-0", ProcessState.Running);
        Assert.Equal(orphan.Pid, adopted.Status.Pid);
        Assert.Equal(2, adopted.Status.Restarts);
        await unwanted.Exited.WaitAsync(Patience, Ct);
        AwaitCondition(
            () => Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "gone").State == ProcessState.Running,
            Patience,
            "gone is started anew");
        Assert.NotEqual(gone.Pid, Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "gone").Pid);
        Assert.Equal(ProcessState.Stopped, Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "held").State);

        Command<ProcessCommandCompleted>(supervisor, new StopProcess("adopt"));
        await orphan.Exited.WaitAsync(Patience, Ct);
    }

    private static async Task Record(StoredProcessJournal journal, ProcessSpec spec, DesiredState desired, ChildProcess program, int restarts)
    {
        await journal.AppendAsync("app/" + spec.Name, new AppDeclared(spec, desired), Ct);
        await journal.AppendAsync("process/" + spec.InstanceName(0), new ProgramStarted(program.Pid, program.StartTimeTicks, false, restarts), Ct);
    }
}
