using Akka;
using Akka.Actor;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class RecoveryTests : ProcessSupervisorTestBase
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restarted_daemon_restores_desired_states_and_restart_counters_from_the_journal()
    {
        var firstDaemon = StartDaemon("first-daemon");
        int keptPid;
        try
        {
            var supervisor = StartSupervisor(firstDaemon);
            keptPid = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("keep", "sleep", "300"))).Instances[0].Pid!.Value;
            Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("off", "sleep", "300")));
            Command<ProcessCommandCompleted>(supervisor, new StopProcess("off"));
            var flaky = Spec("flaky", "sh", "-c", "exit 1") with { CrashLoop = new CrashLoopSettings(2, TimeSpan.FromMinutes(1), null) };
            Command<ProcessCommandCompleted>(supervisor, new StartProcess(flaky));
            AwaitCondition(
                () => Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "flaky").State == ProcessState.CrashLoop,
                Patience,
                "flaky reaches crash-loop", TestContext.Current.CancellationToken);
            Command<ProcessesShutDown>(supervisor, ShutdownProcesses.Instance);
        }
        finally
        {
            await firstDaemon.Terminate();
        }

        Assert.False(IsAlive(keptPid));
        var second = StartSupervisor();

        var kept = ExpectState("keep-0", ProcessState.Running, e => e.Status.Pid != keptPid);
        Assert.NotEqual(keptPid, kept.Status.Pid);
        var flakyAgain = ExpectState("flaky-0", ProcessState.Running, e => e.Status.Restarts >= 3);
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
        using var orphan = ProcessSpawner.Spawn(new SpawnRequest(["sleep", "300"]));
        using var unwanted = ProcessSpawner.Spawn(new SpawnRequest(["sleep", "301"]));
        using var gone = ProcessSpawner.Spawn(new SpawnRequest(["true"]));
        await gone.Exited;

        // Streams as the daemon before the app registry wrote them: the supervisor finds the apps by their app/ streams.
        await RecordAsync(
            Declared(Spec("adopt", "sleep", "300"), DesiredState.Running, orphan, restarts: 2),
            Declared(Spec("held", "sleep", "301"), DesiredState.Stopped, unwanted, restarts: 0),
            Declared(Spec("gone", "sleep", "300"), DesiredState.Running, gone, restarts: 0));

        var supervisor = StartSupervisor();

        var adopted = ExpectState("adopt-0", ProcessState.Running);
        Assert.Equal(orphan.Pid, adopted.Status.Pid);
        Assert.Equal(2, adopted.Status.Restarts);
        await unwanted.Exited.WaitAsync(Patience, Ct);
        AwaitCondition(
            () => Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "gone").State == ProcessState.Running,
            Patience,
            "gone is started anew", TestContext.Current.CancellationToken);
        Assert.NotEqual(gone.Pid, Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "gone").Pid);
        Assert.Equal(ProcessState.Stopped, Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "held").State);
        Assert.Contains(await JournalEventsAsync(PersistenceIds.Registry), e => e is LegacyAppsImported { Names: ["adopt", "gone", "held"] });

        Command<ProcessCommandCompleted>(supervisor, new StopProcess("adopt"));
        await orphan.Exited.WaitAsync(Patience, Ct);
    }

    [Fact]
    public void An_app_declared_again_after_its_deletion_starts_with_a_fresh_record()
    {
        var supervisor = StartSupervisor();
        var flaky = Spec("phoenix", "sh", "-c", "exit 1") with { CrashLoop = new CrashLoopSettings(2, TimeSpan.FromMinutes(1), null) };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(flaky));
        ExpectState("phoenix-0", ProcessState.CrashLoop);

        Command<ProcessDeleted>(supervisor, new DeleteProcess("phoenix"));
        Assert.Empty(Command<ProcessList>(supervisor, ListProcesses.Instance).Processes);
        var again = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("phoenix", "sleep", "300")));

        Assert.Equal(0, Assert.Single(again.Instances).Restarts);
        Assert.Equal(ProcessState.Running, again.Instances[0].State);
        var history = Command<ProcessHistory>(supervisor, new GetProcessHistory("phoenix"));
        Assert.Contains(history.Entries, e => e.Event == "deleted");
        Assert.Contains(history.Entries, e => e.Event == "retired");
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("phoenix"));
    }

    [Fact]
    public async Task Snapshots_bound_each_stream_and_recovery_continues_from_them()
    {
        var settings = Settings with { SnapshotEvery = 5, RetainedEvents = 10 };
        var firstDaemon = StartDaemon("first-daemon");
        int restarts;
        try
        {
            var supervisor = firstDaemon.ActorOf(global::ProcessManager.Actors.Processes.ProcessSupervisor.Props(settings), global::ProcessManager.Actors.Processes.ProcessSupervisor.ActorName);
            var crasher = Spec("crasher", "sh", "-c", "exit 1") with
            {
                Backoff = new BackoffSettings(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), 0, TimeSpan.FromSeconds(30)),
                CrashLoop = new CrashLoopSettings(1000, TimeSpan.FromMinutes(1), null),
            };
            Command<ProcessCommandCompleted>(supervisor, new StartProcess(crasher));
            ExpectState("crasher-0", ProcessState.BackingOff, e => e.Status.Restarts >= 30);
            restarts = Command<ProcessCommandCompleted>(supervisor, new StopProcess("crasher")).Instances[0].Restarts;

            // Each run writes started, exited and restart-scheduled: 90 and more events, of which the newest 10 (plus
            // what the last snapshot does not yet cover) stay once the deletions that follow each snapshot are done.
            await AwaitConditionAsync(async () => (await JournalEventsAsync("process/crasher-0")).Count is >= 10 and <= 10 + 5, Patience, cancellationToken: Ct);
            Command<ProcessesShutDown>(supervisor, ShutdownProcesses.Instance);
        }
        finally
        {
            await firstDaemon.Terminate();
        }

        var second = StartSupervisor();
        Assert.Equal(restarts, Command<ProcessList>(second, ListProcesses.Instance).Processes.Single().Restarts);
    }

    private static (string PersistenceId, object[] Events)[] Declared(ProcessSpec spec, DesiredState desired, ChildProcess program, int restarts) =>
    [
        (PersistenceIds.App(spec.Name), [new AppDeclared(spec, desired)]),
        (PersistenceIds.Instance(spec.InstanceName(0)), [new ProgramStarted(program.Pid, program.StartTimeTicks, false, restarts)]),
    ];

    private async Task RecordAsync(params (string PersistenceId, object[] Events)[][] apps)
    {
        var recorder = StartDaemon("recorder");
        try
        {
            foreach (var (persistenceId, events) in apps.SelectMany(streams => streams))
            {
                var stream = recorder.ActorOf(Props.Create(() => new StreamRecorder(persistenceId)));
                await stream.Ask<Done>(new StreamRecorder.Record(events), Patience, Ct);
            }
        }
        finally
        {
            await recorder.Terminate();
        }
    }
}
