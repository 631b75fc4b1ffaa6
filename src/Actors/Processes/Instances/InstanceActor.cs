using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Processes.Execution;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes.Instances;

/// <summary>
/// Supervises one instance (/user/processes/web-0): drives the <see cref="InstanceLifecycle"/> state
/// machine with what its ProcessActor child reports, carries out the effects (spawn, stop, timers),
/// records every state change in the journal and publishes it as <see cref="ProcessStateChanged"/>.
/// </summary>
/// <remarks>
/// The kernel's BackoffSupervisor restarts a child actor; here the child is long-lived and it is the
/// OS program that restarts, with crash-loop cool-down, persisted counters and stop-on-request that a
/// child-restarting supervisor cannot express. The delays are the kernel's backoff policy
/// (IBackoffDelayPolicy, by default ExponentialBackoffDelayPolicy through RestartDelays.For).
/// </remarks>
internal sealed class InstanceActor : ReceiveActor, IWithTimers
{
    private const string RestartTimer = "restart";
    private const string CoolDownTimer = "cool-down";
    private const string JobTimer = "job-timeout";

    private readonly int _index;
    private readonly string _fullName;
    private readonly string _persistenceId;
    private readonly ProcessSupervisorSettings _settings;
    private readonly JournalWriter _journal;
    private readonly Func<ProcessSpec, IBackoffDelayPolicy> _delayPolicy;

    /// <summary>Commands waiting for the instance to settle, answered with its status.</summary>
    private readonly List<(IActorRef ReplyTo, Func<ProcessState, bool> Settled)> _waiters = [];

    private ProcessSpec _spec;
    private InstanceLifecycle _lifecycle;
    private IActorRef _process = ActorRefs.Nobody;

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
    private int _jobRuns;

    public InstanceActor(
        ProcessSpec spec,
        int index,
        ProcessSupervisorSettings settings,
        JournalWriter journal,
        Func<ProcessSpec, IBackoffDelayPolicy> delayPolicy,
        InstanceRecovery recovery)
    {
        _spec = spec;
        _index = index;
        _fullName = spec.InstanceName(index);
        _persistenceId = "process/" + _fullName;
        _settings = settings;
        _journal = journal;
        _delayPolicy = delayPolicy;
        _lifecycle = new InstanceLifecycle(spec, delayPolicy(spec), recovery.Restarts);
        _jobRuns = recovery.JobRuns;
        if (recovery is { Pid: { } pid, StartTimeTicks: { } ticks })
        {
            _adoptCandidate = (pid, ticks);
        }

        Recording<StartInstance>(start =>
        {
            LatencyTrace.Mark(LatencyStage.InstanceCommand, _index);
            Command(new InstanceEvent.StartRequested(start.Reason), NotTransient);
        });
        Recording<StopInstance>(stop => Command(new InstanceEvent.StopRequested(stop.Reason), IsAtRest));
        Recording<RestartInstance>(restart => Command(new InstanceEvent.RestartRequested(restart.Reason, Counted: false), NotTransient));
        Recording<UpdateInstanceSpec>(OnUpdateSpec);
        Receive<GetInstanceStatus>(_ => Sender.Tell(Status()));
        Recording<InstanceEvent>(@event =>
        {
            if (@event is InstanceEvent.RestartDue)
            {
                LatencyTrace.Mark(LatencyStage.RestartDue, _index);
            }

            Handle(@event);
        });
        Recording<ProgramSpawned>(OnSpawned);
        Recording<ProgramSpawnFailed>(failed => Handle(new InstanceEvent.SpawnFailed(failed.Error)));
        Recording<AdoptionFailed>(_ => OnAdoptionFailed());
        Recording<ProgramExited>(OnExited);
        Recording<ResourcesSampled>(OnSampled);
        Receive<GetLogTail>(tail => _process.Forward(tail));
        Receive<SubscribeLog>(subscribe => _process.Forward(subscribe));
        Receive<FlushProgramLog>(flush => _process.Forward(flush));
        Receive<GetInstanceBuffers>(get => _process.Forward(get));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A handler whose message may record journal events. While the journal writer is behind (more than
    /// its capacity waiting), the returned task holds this mailbox (the kernel suspends it, no thread
    /// waits) so the instance takes no further message, and records nothing more, until there is room.
    /// </summary>
    private void Recording<T>(Action<T> handler) => ReceiveAsync<T>(message =>
    {
        handler(message);
        return _journal.WhenRoom;
    });

    public static Props Props(
        ProcessSpec spec,
        int index,
        ProcessSupervisorSettings settings,
        JournalWriter journal,
        Func<ProcessSpec, IBackoffDelayPolicy> delayPolicy,
        InstanceRecovery recovery) =>
        Kernel.Props.Create(() => new InstanceActor(spec, index, settings, journal, delayPolicy, recovery));

    protected override void PreStart()
    {
        _process = Context.ActorOf(ProcessActor.Props(_spec.Name, _index, _fullName, _spec, _settings), "process");
        if (_adoptCandidate is { } candidate)
        {
            // Whatever the desired state, first take the recorded program back: the supervisor stops it
            // next if it should not run. Starting a new one beside it would duplicate it.
            Handle(new InstanceEvent.StartRequested($"daemon restarted, adopting pid {candidate.Pid}"));
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // Restarting the process actor would lose track of a running program; skip the failed message instead.
        new OneForOneStrategy(_ => Directive.Resume);

    private static bool NotTransient(ProcessState state) => state is not (ProcessState.Starting or ProcessState.Stopping);

    private static bool IsAtRest(ProcessState state) =>
        state is not (ProcessState.Starting or ProcessState.Running or ProcessState.Stopping);

    private void Command(InstanceEvent @event, Func<ProcessState, bool> settled)
    {
        _waiters.Add((Sender, settled));
        Handle(@event);
        ReplyToSettledWaiters();
    }

    private void OnUpdateSpec(UpdateInstanceSpec update)
    {
        _waiters.Add((Sender, update.Run ? NotTransient : IsAtRest));
        _pendingSpec = (update.Spec, update.Run);
        if (_lifecycle.State is ProcessState.Starting or ProcessState.Running or ProcessState.Stopping)
        {
            Handle(new InstanceEvent.StopRequested("config changed"));
        }

        ApplyPendingSpec();
        ReplyToSettledWaiters();
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
        _journal.Record(_persistenceId, new ProgramStarted(spawned.Pid, spawned.StartTimeTicks, spawned.Adopted, _lifecycle.Restarts));
        Handle(new InstanceEvent.Spawned(spawned.Pid));
        LatencyTrace.Mark(LatencyStage.InstanceRunning, _index);
    }

    private void OnAdoptionFailed()
    {
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
        _journal.Record(_persistenceId, new ProgramExitedEvent(exited.Outcome.Code, exited.Outcome.Signal, exited.Uptime));
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
        if (_spec.MemoryLimitBytes is { } limit && sample.RssBytes > limit)
        {
            _journal.Record(_persistenceId, new MemoryLimitRestart(sample.RssBytes, limit));
            Handle(new InstanceEvent.RestartRequested($"memory-limit: rss {sample.RssBytes} bytes > limit {limit} bytes", Counted: true));
            return;
        }

        Context.Parent.Tell(new InstanceStatusChanged(Status()));
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

        Record(transition, @event);
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
                _journal.Record(_persistenceId, new JobFinishedEvent(run));
                Context.Parent.Tell(new JobRunRecorded(_spec.Name, run));
                break;
        }
    }

    private void Record(Transition transition, InstanceEvent @event)
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
            _journal.Record(_persistenceId, new CrashLoopLeft());
        }

        if (recorded is not null)
        {
            _journal.Record(_persistenceId, recorded);
        }
    }

    private void Publish(ProcessState previous, string reason)
    {
        var status = Status();
        Context.System.EventStream.Publish(new ProcessStateChanged(status, previous, reason, DateTimeOffset.UtcNow));
        Context.Parent.Tell(new InstanceStatusChanged(status));
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
                _waiters[i].ReplyTo.Tell(status);
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
            _spec.Kind);
    }
}
