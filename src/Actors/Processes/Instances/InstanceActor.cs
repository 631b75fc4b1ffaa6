using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Execution;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Processes.Instances;

/// <summary>
/// Supervises one instance (/user/processes/web/web-0): drives the <see cref="InstanceLifecycle"/> state machine
/// with what its ProcessActor child reports, carries out the effects (spawn, stop, timers), persists every state
/// change under <see cref="PersistenceIds.Instance"/> and publishes it as <see cref="ProcessStateChanged"/>.
/// </summary>
/// <remarks>
/// Akka's BackoffSupervisor restarts a child actor; here the child is long-lived and it is the OS program that
/// restarts, with crash-loop cool-down, a persisted restart counter, restart policies by exit code and
/// stop-on-request, none of which a child-restarting supervisor expresses. The delays follow its formula
/// (<see cref="ExponentialRestartDelay"/>).
/// Effects happen at once and their events are persisted with PersistAsync, in order: a crash is restarted
/// without waiting for the disk. What the instance answers a command waits (DeferAsync) until everything
/// recorded before it is durable.
/// </remarks>
internal sealed partial class InstanceActor : UntypedPersistentActor, IWithTimers
{
    private const string RestartTimer = "restart";
    private const string CoolDownTimer = "cool-down";
    private const string JobTimer = "job-timeout";

    private readonly int _index;
    private readonly string _fullName;
    private readonly ProcessSupervisorSettings _settings;
    private readonly Func<ProcessSpec, IRestartDelayPolicy> _delayPolicy;

    /// <summary>Hears every status change too (the supervisor, which answers lists), besides the parent app.</summary>
    private readonly IActorRef _statusListener;

    /// <summary>Commands waiting for the instance to settle, answered with its status.</summary>
    private readonly List<(IActorRef ReplyTo, Func<ProcessState, bool> Settled, int Rejections)> _waiters = [];

    private readonly JournalRejections _rejections = new();

    private ProcessSpec _spec;
    private InstanceLifecycle _lifecycle;
    private IActorRef _process = ActorRefs.Nobody;

    /// <summary>The fold of what is durable in the journal: what a restarted daemon will know; snapshots hold it.</summary>
    private InstanceJournalState _recorded = InstanceJournalState.None;

    /// <summary>Events persisted since the last snapshot.</summary>
    private int _sinceSnapshot;

    /// <summary>A spec change waiting for the current program to stop, and whether to run it after.</summary>
    private (ProcessSpec Spec, bool Run)? _pendingSpec;

    /// <summary>A program recorded before a daemon restart, to adopt instead of spawning a second one.</summary>
    private (int Pid, ulong StartTimeTicks)? _adoptCandidate;

    /// <summary>A zero-delay restart armed by the transition being handled (its generation).</summary>
    private int? _restartAtOnce;

    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _nextAttemptAt;
    private double? _cpu;
    private long? _rss;
    private long _droppedLogLines;
    private long _capturedLogLines;

    /// <summary>Job runs so far, including any whose event is still being written (runs are numbered from it).</summary>
    private int _jobRuns;

    public InstanceActor(
        ProcessSpec spec, int index, ProcessSupervisorSettings settings, Func<ProcessSpec, IRestartDelayPolicy> delayPolicy, IActorRef statusListener)
    {
        _statusListener = statusListener;
        _spec = spec;
        _index = index;
        _fullName = spec.InstanceName(index);
        _settings = settings;
        _delayPolicy = delayPolicy;
        _lifecycle = new InstanceLifecycle(spec, delayPolicy(spec));
        PersistenceId = PersistenceIds.Instance(_fullName);
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="statusListener">Told every status change besides the parent (the supervisor): a caller that got an answer finds the list up to date.</param>
    public static Props Props(
        ProcessSpec spec, int index, ProcessSupervisorSettings settings, Func<ProcessSpec, IRestartDelayPolicy> delayPolicy, IActorRef statusListener) =>
        Akka.Actor.Props.Create(() => new InstanceActor(spec, index, settings, delayPolicy, statusListener));

    // A switch instead of ReceivePersistentActor's Recover<T>/Command<T>: those keep a delegate and matcher per handler
    // in every actor (about 2 KB per instance), and an instance actor lives for every running program.
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                if (offer.Snapshot is InstanceSnapshot snapshot)
                {
                    _recorded = InstanceJournalState.From(snapshot);
                }
                break;
            case ProcessEvent recorded:
                _recorded = _recorded.Apply(recorded);
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case StartInstance start:
                LatencyTrace.Mark(LatencyStage.InstanceCommand, _index);
                Command(new InstanceEvent.StartRequested(start.Reason), NotTransient);
                break;
            case ResumeInstance:
                OnResume();
                break;
            case StopInstance stop:
                Command(new InstanceEvent.StopRequested(stop.Reason), IsAtRest);
                break;
            case RestartInstance restart:
                Command(new InstanceEvent.RestartRequested(restart.Reason, Counted: false), NotTransient);
                break;
            case UpdateInstanceSpec update:
                OnUpdateSpec(update);
                break;
            case RetireInstance retire:
                OnRetire(retire);
                break;
            case GetInstanceStatus:
                Sender.Tell(Status());
                break;
            case InstanceEvent @event:
                if (@event is InstanceEvent.RestartDue)
                {
                    LatencyTrace.Mark(LatencyStage.RestartDue, _index);
                }

                Handle(@event);
                break;
            case ProgramSpawned spawned:
                OnSpawned(spawned);
                break;
            case ProgramSpawnFailed failed:
                Handle(new InstanceEvent.SpawnFailed(failed.Error));
                break;
            case AdoptionFailed:
                OnAdoptionFailed();
                break;
            case ProgramExited exited:
                OnExited(exited);
                break;
            case ResourcesSampled sample:
                OnSampled(sample);
                break;
            case GetLogTail or SubscribeLog or FlushProgramLog or GetInstanceBuffers or SignalProgram:
                _process.Forward(message);
                break;
            case SaveSnapshotSuccess saved:
                OnSnapshotSaved(saved);
                break;
            case SaveSnapshotFailure failed:
                Context.GetLogger().Warning(failed.Cause, "{0}: saving a snapshot failed; recovery reads more events until the next one", _fullName);
                break;
            case DeleteMessagesSuccess:
                break;
            case DeleteMessagesFailure failed:
                Context.GetLogger().Warning(failed.Cause, "{0}: trimming old journal events failed; they stay until the next snapshot", _fullName);
                break;
            case DeleteSnapshotsSuccess:
            case DeleteSnapshotsFailure:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PreStart()
    {
        base.PreStart();
        _process = Context.ActorOf(ProcessActor.Props(_spec.Name, _index, _fullName, _spec, _settings), "process");
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // Restarting the process actor would lose track of a running program; skip the failed message instead.
        new OneForOneStrategy(_ => Directive.Resume);

    /// <summary>Set when the adoption at recovery found that a job or a never-restarted program ended while no daemon ran.</summary>
    private ExitOutcome? _endedWhileAway;

    private void OnRecovered()
    {
        _lifecycle = new InstanceLifecycle(_spec, _delayPolicy(_spec), _recorded.Restarts);
        _jobRuns = _recorded.JobRuns;
        if (_recorded is { Pid: { } pid, StartTimeTicks: { } ticks })
        {
            // Whatever the desired state, first take the recorded program back: the app stops it next if it should
            // not run. Starting a new one beside it would duplicate it.
            _adoptCandidate = (pid, ticks);
            _adoptedGroup = pid;
            Handle(new InstanceEvent.StartRequested($"daemon restarted, adopting pid {pid}"));
        }
        else if (UnrecordedProgram() is { } unrecorded)
        {
            _adoptCandidate = (unrecorded.Pid, unrecorded.StartTimeTicks);
            _adoptedGroup = unrecorded.Pid;
            Context.GetLogger().Warning("{0}: pid {1} runs although its start was not recorded (the daemon died first); adopting it", _fullName, unrecorded.Pid);
            Handle(new InstanceEvent.StartRequested($"daemon restarted, adopting pid {unrecorded.Pid} whose start was not recorded"));
        }

        KillLeftovers(_adoptedGroup);

        // The app reports its recovery only once every instance said where it stands (restart counter included).
        Report(Status());
    }

    private void OnResume()
    {
        // The journal says so, or the adoption just found it (its exit may not be persisted yet: Record is async).
        var ended = _recorded is { Pid: null, LastExit: { } exit } && EndedForGood(exit) ? exit : _endedWhileAway;
        if (ended is { } outcome)
        {
            Command(new InstanceEvent.EndedBefore(outcome, $"daemon restarted; the program had ended before ({outcome}), not run again"), NotTransient);
            return;
        }

        Command(new InstanceEvent.StartRequested("daemon restarted"), NotTransient);
    }

    /// <summary>A job that ran, or a program whose restart policy does not restart it after <paramref name="exit"/>.</summary>
    private bool EndedForGood(ExitOutcome exit) =>
        _spec.Kind == ProcessKind.Job || !RestartDecision.ShouldRestart(_spec.Restart, exit, _spec.SuccessExitCodes);

    private static bool NotTransient(ProcessState state) => state is not (ProcessState.Starting or ProcessState.Stopping);

    private static bool IsAtRest(ProcessState state) =>
        state is not (ProcessState.Starting or ProcessState.Running or ProcessState.Stopping);

    private void Command(InstanceEvent @event, Func<ProcessState, bool> settled)
    {
        _waiters.Add((Sender, settled, _rejections.Count));
        Handle(@event);
        ReplyToSettledWaiters();
    }

    private void OnUpdateSpec(UpdateInstanceSpec update)
    {
        _waiters.Add((Sender, update.Run ? NotTransient : IsAtRest, _rejections.Count));
        _pendingSpec = (update.Spec, update.Run);
        if (_lifecycle.State is ProcessState.Starting or ProcessState.Running or ProcessState.Stopping)
        {
            Handle(new InstanceEvent.StopRequested("config changed"));
        }

        ApplyPendingSpec();
        ReplyToSettledWaiters();
    }

    private void OnRetire(RetireInstance retire)
    {
        // The app retires an instance only after it stopped it; a program still here would outlive its record.
        if (!IsAtRest(_lifecycle.State))
        {
            Handle(new InstanceEvent.StopRequested(retire.Reason));
        }

        var replyTo = Sender;
        Record(new InstanceRetired(retire.Reason));
        DeferAsync(new InstanceRetiredAck(_fullName), ack =>
        {
            replyTo.Tell(ack);
            Context.Stop(Self);
        });
    }

    private void ApplyPendingSpec()
    {
        if (_pendingSpec is not { } pending || !IsAtRest(_lifecycle.State))
        {
            return;
        }

        _pendingSpec = null;
        _spec = pending.Spec;
        var previous = _lifecycle;
        _lifecycle = new InstanceLifecycle(_spec, _delayPolicy(_spec), previous.Restarts, previous.Generation + 1);
        Timers.Cancel(RestartTimer);
        Timers.Cancel(CoolDownTimer);
        Timers.Cancel(JobTimer);
        if (pending.Run)
        {
            Handle(new InstanceEvent.StartRequested("config changed"));
        }
        else
        {
            Publish(previous.State, "config changed");
        }
    }

    private void OnSpawned(ProgramSpawned spawned)
    {
        _startedAt = spawned.StartedAt;
        _cpu = null;
        _rss = null;
        Record(new ProgramStarted(spawned.Pid, spawned.StartTimeTicks, spawned.Adopted, _lifecycle.Restarts));
        Handle(new InstanceEvent.Spawned(spawned.Pid));
        LatencyTrace.Mark(LatencyStage.InstanceRunning, _index);
    }

    private void OnAdoptionFailed()
    {
        // The program is gone; whatever is left of its group ran unknown to any daemon.
        KillLeftovers(keptGroup: null);
        _adoptedGroup = null;
        if (_lifecycle.State == ProcessState.Starting && (_spec.Kind == ProcessKind.Job || _spec.Restart == RestartPolicy.Never))
        {
            // It ended while no daemon ran: recorded once, with what is known, and not run again.
            var unknown = new ExitOutcome(null, null);
            _endedWhileAway = unknown;
            Record(new ProgramExitedEvent(null, null, TimeSpan.Zero));
            if (_spec.Kind == ProcessKind.Job)
            {
                Execute(new InstanceEffect.JobFinished(unknown, TimeSpan.Zero, false, false), ["(ended while no daemon was running: exit status unknown)"]);
            }

            Handle(new InstanceEvent.EndedBefore(unknown, "the program ended while no daemon was running (exit status unknown); not run again"));
            return;
        }

        if (_lifecycle.State == ProcessState.Starting)
        {
            _process.Tell(new SpawnProgram(_spec));
        }
        else
        {
            // Stopped before the adoption answered, and there was nothing left to stop.
            Handle(new InstanceEvent.SpawnFailed("the recorded program is no longer running"));
        }
    }

    private void OnExited(ProgramExited exited)
    {
        LatencyTrace.Mark(LatencyStage.ExitOnInstance, _index);
        Record(new ProgramExitedEvent(exited.Outcome.Code, exited.Outcome.Signal, exited.Uptime));
        _startedAt = null;
        _cpu = null;
        _rss = null;
        Handle(new InstanceEvent.Exited(exited.Outcome, exited.Uptime), exited.LastLines);
    }

    private void OnSampled(ResourcesSampled sample)
    {
        if (_lifecycle.State != ProcessState.Running)
        {
            return;
        }

        _cpu = sample.CpuPercent;
        _rss = sample.RssBytes;
        _droppedLogLines = sample.DroppedLogLines;
        _capturedLogLines = sample.CapturedLogLines;
        if (_spec.MemoryLimitBytes is { } limit && sample.RssBytes > limit)
        {
            Record(new MemoryLimitRestart(sample.RssBytes, limit));
            Handle(new InstanceEvent.RestartRequested($"memory-limit: rss {sample.RssBytes} bytes > limit {limit} bytes", Counted: true));
            return;
        }

        Report(Status());
    }

    private void Handle(InstanceEvent @event, IReadOnlyList<string>? lastLines = null)
    {
        var pidBefore = _lifecycle.Pid;
        var transition = _lifecycle.Handle(@event, MonotonicClock.Now);
        if (transition.Ignored)
        {
            return;
        }

        foreach (var effect in transition.Effects)
        {
            Execute(effect, lastLines ?? []);
        }

        RecordTransition(transition, @event);
        if (transition.From != transition.To || pidBefore != _lifecycle.Pid)
        {
            Publish(transition.From, transition.Reason);
        }

        ApplyPendingSpec();
        ReplyToSettledWaiters();
        if (_restartAtOnce is { } generation)
        {
            _restartAtOnce = null;
            LatencyTrace.Mark(LatencyStage.RestartDue, _index);
            Handle(new InstanceEvent.RestartDue(generation));
        }
    }

    private void Execute(InstanceEffect effect, IReadOnlyList<string> lastLines)
    {
        switch (effect)
        {
            case InstanceEffect.Spawn:
                if (_adoptCandidate is { } candidate)
                {
                    _adoptCandidate = null;
                    _process.Tell(new AdoptProgram(candidate.Pid, candidate.StartTimeTicks));
                }
                else
                {
                    _process.Tell(new SpawnProgram(_spec));
                }

                break;
            case InstanceEffect.StopProgram:
                _process.Tell(new StopProgram(_spec.Stop.Signal, _spec.Stop.Timeout));
                break;
            case InstanceEffect.KillProgram:
                _process.Tell(KillProgram.Instance);
                break;
            case InstanceEffect.ScheduleRestart restart:
                _nextAttemptAt = DateTimeOffset.UtcNow + restart.Delay;
                if (restart.Delay <= TimeSpan.Zero)
                {
                    // No backoff: restart as soon as this transition is recorded and published; a timer
                    // (or even a message to self) would add a thread hop for nothing.
                    _restartAtOnce = restart.Generation;
                }
                else
                {
                    Timers.StartSingleTimer(RestartTimer, new InstanceEvent.RestartDue(restart.Generation), restart.Delay);
                }

                break;
            case InstanceEffect.ScheduleCoolDown coolDown:
                _nextAttemptAt = DateTimeOffset.UtcNow + coolDown.Delay;
                Timers.StartSingleTimer(CoolDownTimer, new InstanceEvent.CoolDownOver(coolDown.Generation), coolDown.Delay);
                break;
            case InstanceEffect.ArmJobTimeout job:
                Timers.StartSingleTimer(JobTimer, new InstanceEvent.JobTimedOut(job.Generation), job.Timeout);
                break;
            case InstanceEffect.CancelTimers:
                _nextAttemptAt = null;
                Timers.Cancel(RestartTimer);
                Timers.Cancel(CoolDownTimer);
                Timers.Cancel(JobTimer);
                break;
            case InstanceEffect.JobFinished finished:
                var run = new JobRun(
                    ++_jobRuns,
                    DateTimeOffset.UtcNow - finished.Duration,
                    finished.Duration,
                    finished.Outcome.Code,
                    finished.Outcome.Signal,
                    finished.TimedOut,
                    finished.Succeeded,
                    lastLines);
                Record(new JobFinishedEvent(run));
                Context.Parent.Tell(new JobRunRecorded(_spec.Name, run));
                break;
        }
    }

    private void RecordTransition(Transition transition, InstanceEvent @event)
    {
        ProcessEvent? recorded = transition.To switch
        {
            ProcessState.BackingOff when transition.From != ProcessState.BackingOff => new RestartScheduled(
                transition.Effects.OfType<InstanceEffect.ScheduleRestart>().FirstOrDefault()?.Delay ?? TimeSpan.Zero,
                transition.Reason,
                _lifecycle.Restarts),
            ProcessState.CrashLoop when transition.From != ProcessState.CrashLoop =>
                new CrashLoopEntered(transition.Reason, _spec.CrashLoop.CoolDown, _lifecycle.Restarts),
            ProcessState.Stopped when transition.From != ProcessState.Stopped => new StoppedByRequest(transition.Reason),
            ProcessState.Errored when @event is InstanceEvent.SpawnFailed failed => new SpawnErrored(failed.Error),
            _ => null,
        };
        if (transition.From == ProcessState.CrashLoop && transition.To != ProcessState.CrashLoop)
        {
            Record(new CrashLoopLeft());
        }

        if (recorded is not null)
        {
            Record(recorded);
        }
    }

    /// <summary>
    /// Persists <paramref name="recorded"/> after whatever this instance recorded before it; the fold of durable
    /// events (<see cref="_recorded"/>) moves when the journal confirmed it.
    /// </summary>
    private void Record(ProcessEvent recorded)
    {
        PersistAsync(recorded, persisted =>
        {
            _recorded = _recorded.Apply(persisted);
            if (_settings.SnapshotEvery > 0 && ++_sinceSnapshot >= _settings.SnapshotEvery)
            {
                _sinceSnapshot = 0;
                SaveSnapshot(_recorded.ToSnapshot());
            }
        });
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _rejections.Add(Context, PersistenceId, cause, @event);
        if (@event is ProgramStarted started && _lifecycle.Pid == started.Pid)
        {
            Handle(new InstanceEvent.StartUnrecorded(
                $"the journal could not record pid {started.Pid} ({cause.Message}); stopped, so that no program runs that the journal does not know"));
        }
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        // History keeps the newest RetainedEvents; everything older is covered by the snapshot.
        var trimTo = saved.Metadata.SequenceNr - _settings.RetainedEvents;
        if (trimTo > 0)
        {
            DeleteMessages(trimTo);
        }

        DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
    }

    private void Publish(ProcessState previous, string reason)
    {
        var status = Status();
        Context.System.EventStream.Publish(new ProcessStateChanged(status, previous, reason, DateTimeOffset.UtcNow));
        Report(status);
    }

    /// <summary>Before any answer that follows it: whoever got an answer and asks for a list sees this status.</summary>
    private void Report(ProcessStatus status)
    {
        var changed = new InstanceStatusChanged(status);
        Context.Parent.Tell(changed);
        _statusListener.Tell(changed);
    }

    private void ReplyToSettledWaiters()
    {
        if (_waiters.Count == 0 || _pendingSpec is not null)
        {
            return;
        }

        var state = _lifecycle.State;
        ProcessStatus? status = null;
        for (var i = 0; i < _waiters.Count; i++)
        {
            if (_waiters[i].Settled(state))
            {
                status ??= Status();
                var (replyTo, _, mark) = _waiters[i];
                // Acknowledged means durable: the answer leaves once what was recorded before it is in the journal,
                // and is an error if the journal refused any of it.
                DeferAsync(status, settled => replyTo.Tell(_rejections.Since(mark)
                    ? new JournalRefused($"the change of '{_fullName}'", _rejections.LastReason, Changed: true)
                    : settled));
                _waiters.RemoveAt(i--);
            }
        }
    }

    private ProcessStatus Status()
    {
        var state = _lifecycle.State;
        var running = state is ProcessState.Running or ProcessState.Stopping;
        var lastExit = _lifecycle.LastExit;
        return new ProcessStatus(
            _spec.Name,
            _index,
            _fullName,
            state,
            _lifecycle.Pid,
            _lifecycle.Restarts,
            running && _startedAt is { } started ? DateTimeOffset.UtcNow - started : null,
            running ? _cpu : null,
            running ? _rss : null,
            lastExit?.Code,
            lastExit?.Signal,
            state is ProcessState.BackingOff or ProcessState.CrashLoop ? _nextAttemptAt : null,
            state is ProcessState.Errored or ProcessState.CrashLoop ? _lifecycle.Error : null,
            _droppedLogLines,
            _spec.Kind)
        {
            CapturedLogLines = _capturedLogLines,
            LastExitReason = _lifecycle.LastExitReason,
        };
    }
}
