using Akka;
using Akka.Actor;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Tests.Os;
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

        // The running state is published before its record is written (PersistAsync): history shows it shortly after.
        AwaitAssert(
            () =>
            {
                var history = Command<ProcessHistory>(second, new GetProcessHistory("keep"));
                Assert.Equal(2, history.Entries.Count(e => e.Event == "started"));
                Assert.Contains(history.Entries, e => e.Event == "declared" && e.Instance == "keep");
            },
            Patience,
            cancellationToken: Ct);
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

    [Fact]
    public async Task Twenty_thousand_events_on_one_program_are_all_read_back_by_a_restarted_daemon()
    {
        // No snapshot: recovery has to read every event of both streams, however many there are.
        const int Toggles = 20_000;
        var spec = Spec("busy", "sleep", "300");
        object[] appEvents =
        [
            new AppDeclared(spec, DesiredState.Running),
            .. Enumerable.Range(1, Toggles).Select(i => new DesiredStateChanged(i % 2 == 0 ? DesiredState.Running : DesiredState.Stopped)),
            new DesiredStateChanged(DesiredState.Stopped),
        ];
        object[] instanceEvents = [.. Enumerable.Range(1, Toggles).Select(i => new RestartScheduled(TimeSpan.Zero, "exit 1", i))];
        await RecordAsync([(PersistenceIds.App(spec.Name), appEvents), (PersistenceIds.Instance(spec.InstanceName(0)), instanceEvents)]);

        var supervisor = StartSupervisor();

        var busy = Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single(p => p.Name == "busy");
        Assert.Equal(ProcessState.Stopped, busy.State);
        Assert.Equal(Toggles, busy.Restarts);
        Assert.Equal(spec.Argv, Command<ProcessDescription>(supervisor, new DescribeProcess("busy")).Spec.Argv);
    }

    [Fact]
    public async Task A_finished_job_and_a_program_let_go_by_its_policy_are_not_run_again_by_a_restarted_daemon()
    {
        var job = Spec("report", "sleep", "300") with { Kind = ProcessKind.Job, Restart = RestartPolicy.Never };
        var once = Spec("once", "sleep", "301") with { Restart = RestartPolicy.OnFailure };
        var run = new JobRun(1, DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromSeconds(2), 0, null, false, true, ["done"]);
        await RecordAsync(
            [
                (PersistenceIds.App(job.Name), [new AppDeclared(job, DesiredState.Running)]),
                (PersistenceIds.Instance(job.InstanceName(0)), [new ProgramStarted(4_000_001, 1, false, 0), new ProgramExitedEvent(0, null, TimeSpan.FromSeconds(2)), new JobFinishedEvent(run)]),
            ],
            [
                (PersistenceIds.App(once.Name), [new AppDeclared(once, DesiredState.Running)]),
                (PersistenceIds.Instance(once.InstanceName(0)), [new ProgramStarted(4_000_002, 1, false, 0), new ProgramExitedEvent(0, null, TimeSpan.FromSeconds(5))]),
            ]);

        var supervisor = StartSupervisor();
        var exited = new HashSet<string>(StringComparer.Ordinal);
        Events.FishForMessage<ProcessStateChanged>(e => e.State == ProcessState.Exited && exited.Add(e.FullName) && exited.Count == 2, Patience, cancellationToken: Ct);

        var list = Command<ProcessList>(supervisor, ListProcesses.Instance).Processes;
        Assert.Equal([("once", ProcessState.Exited, (int?)0), ("report", ProcessState.Exited, 0)], list.Select(p => (p.Name, p.State, p.LastExitCode)).OrderBy(p => p.Name, StringComparer.Ordinal));
        Assert.DoesNotContain(await JournalEventsAsync(PersistenceIds.Instance("report-0")), e => e is ProgramStarted { Pid: not 4_000_001 });
        Assert.DoesNotContain(await JournalEventsAsync(PersistenceIds.Instance("once-0")), e => e is ProgramStarted { Pid: not 4_000_002 });
    }

    [Fact]
    public async Task A_job_that_ended_while_no_daemon_ran_is_recorded_once_and_not_run_again()
    {
        using var ended = ProcessSpawner.Spawn(new SpawnRequest(["true"]));
        await ended.Exited;
        var job = Spec("nightly", "sleep", "300") with { Kind = ProcessKind.Job, Restart = RestartPolicy.Never };
        await RecordAsync(Declared(job, DesiredState.Running, ended, restarts: 0));

        var supervisor = StartSupervisor();
        ExpectState("nightly-0", ProcessState.Exited);

        var description = Command<ProcessDescription>(supervisor, new DescribeProcess("nightly"));
        var recorded = Assert.Single(description.JobRuns);
        Assert.Equal((null, null, false), (recorded.ExitCode, recorded.Signal, recorded.Succeeded));
        await AwaitAssertAsync(
            async () =>
            {
                var events = await JournalEventsAsync(PersistenceIds.Instance("nightly-0"));
                Assert.Equal((1, 1, 1), (events.Count(e => e is JobFinishedEvent), events.Count(e => e is ProgramExitedEvent), events.Count(e => e is ProgramStarted)));
            },
            Patience,
            cancellationToken: Ct);
        Assert.Equal(ProcessState.Exited, Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single().State);
    }

    [Fact]
    public async Task A_program_whose_start_the_killed_daemon_did_not_record_is_adopted_not_started_a_second_time()
    {
        var tag = ProgramTag.ForHome(Home.Path);
        using var earlier = ProcessSpawner.Spawn(new SpawnRequest(["true"]));
        await earlier.Exited;
        using var unrecorded = ProcessSpawner.Spawn(new SpawnRequest(["sleep", "300"], Environment: TaggedEnvironment.For(tag, "quiet-0")));
        try
        {
            // The journal as the daemon left it when it died between a spawn and its record: the earlier run only.
            var spec = Spec("quiet", "sleep", "300");
            await RecordAsync(
            [
                (PersistenceIds.App(spec.Name), [new AppDeclared(spec, DesiredState.Running)]),
                (PersistenceIds.Instance(spec.InstanceName(0)), [new ProgramStarted(earlier.Pid, earlier.StartTimeTicks, false, 0), new ProgramExitedEvent(1, null, TimeSpan.FromSeconds(1))]),
            ]);

            var supervisor = StartSupervisor(Settings with { ProgramTag = tag, Survivors = TaggedProcessScan.Scan(tag) });

            var adopted = ExpectState("quiet-0", ProcessState.Running);
            Assert.Equal(unrecorded.Pid, adopted.Status.Pid);
            await AwaitAssertAsync(
                async () => Assert.Contains(await JournalEventsAsync(PersistenceIds.Instance("quiet-0")), e => e is ProgramStarted { Adopted: true } started && started.Pid == unrecorded.Pid),
                Patience,
                cancellationToken: Ct);
            Command<ProcessCommandCompleted>(supervisor, new StopProcess("quiet"));
            await unrecorded.Exited.WaitAsync(Patience, Ct);
        }
        finally
        {
            unrecorded.SignalGroup(Signals.SIGKILL);
        }
    }

    [Fact]
    public async Task What_is_left_of_a_group_whose_program_ended_while_no_daemon_ran_is_killed_and_the_program_started_anew()
    {
        var tag = ProgramTag.ForHome(Home.Path);
        using var ended = ProcessSpawner.Spawn(new SpawnRequest(["sh", "-c", "sleep 300 & exit 0"], Environment: TaggedEnvironment.For(tag, "left-0")) { KillGroupOnExit = false });
        await ended.Exited;
        // The background sleep may still be between fork and exec (its environment unreadable for that moment).
        IReadOnlyList<TaggedProcess>? found = null;
        AwaitCondition(() => TaggedProcessScan.Scan(tag).TryGetValue("left-0", out found) && found.Count == 1, Patience, "the leftover is marked", Ct);
        var leftover = found![0];
        try
        {
            Assert.Equal(ended.Pid, leftover.ProcessGroup);
            await RecordAsync(Declared(Spec("left", "sleep", "300"), DesiredState.Running, ended, restarts: 0));

            var supervisor = StartSupervisor(Settings with { ProgramTag = tag, Survivors = TaggedProcessScan.Scan(tag) });

            var started = ExpectState("left-0", ProcessState.Running);
            Assert.NotEqual(ended.Pid, started.Status.Pid);
            AwaitCondition(() => !ProcessIdentity.IsAlive(leftover.Pid, leftover.StartTimeTicks), Patience, "the leftover is killed", Ct);
            var marked = TaggedProcessScan.Scan(tag)["left-0"];
            Assert.Equal([started.Status.Pid!.Value], marked.Select(p => p.Pid));
            Command<ProcessCommandCompleted>(supervisor, new StopProcess("left"));
        }
        finally
        {
            TaggedProcessScan.Kill(leftover);
        }
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
