using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>
/// The supervision state machine of one instance (state × event → state + effects), free of actors,
/// timers and processes so that every cell can be tested. Time is the monotonic clock, passed in.
/// Timer events carry the generation they were armed at; a transition bumps the generation, so a
/// timer that fires after the state moved on is ignored.
/// </summary>
public sealed class InstanceLifecycle
{
    private readonly ProcessSpec _spec;
    private readonly IRestartDelayPolicy _delays;
    private readonly CrashLoopWindow _window;

    /// <summary>A restart or start arrived while stopping: spawn again once the program exited.</summary>
    private bool _startAfterStop;

    /// <summary>The job timeout killed the current run.</summary>
    private bool _timedOut;

    /// <summary>Why the program being stopped must not run: the instance ends errored with it, not restarted.</summary>
    private string? _errorAfterStop;

    /// <summary>Why the instance last moved to stopping (stop, restart, memory limit, watch, job timeout): the cause of the exit that follows.</summary>
    private string? _stopReason;

    public InstanceLifecycle(ProcessSpec spec, IRestartDelayPolicy delays, int restarts = 0, int generation = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _delays = delays;
        _window = new CrashLoopWindow(spec.CrashLoop);
        Restarts = restarts;
        Generation = generation;
    }

    public ProcessState State { get; private set; } = ProcessState.Stopped;

    /// <summary>Automatic restarts (policy and memory limit) since declared.</summary>
    public int Restarts { get; private set; }

    /// <summary>Consecutive backoff attempts; back to 0 after a run longer than backoff.reset-after.</summary>
    public int BackoffAttempt { get; private set; }

    /// <summary>Bumped on every state change; timers armed in an older generation are stale.</summary>
    public int Generation { get; private set; }

    public int? Pid { get; private set; }

    public ExitOutcome? LastExit { get; private set; }

    /// <summary>
    /// How and why the last program ended, for <c>pbm process describe</c>: its outcome, and whether pbm ended it (and
    /// why: a stop, a restart, the memory limit, a file change) or it ended by itself. Null before any exit seen live.
    /// </summary>
    public string? LastExitReason { get; private set; }

    /// <summary>Spawn error (errored) or crash-loop explanation.</summary>
    public string? Error { get; private set; }

    /// <summary>Delay until the next start while backing-off or in crash-loop; null otherwise or if permanent.</summary>
    public TimeSpan? NextAttemptDelay { get; private set; }

    public Transition Handle(InstanceEvent @event, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return @event switch
        {
            InstanceEvent.StartRequested start => OnStart(start.Reason),
            InstanceEvent.StopRequested stop => OnStop(stop.Reason),
            InstanceEvent.RestartRequested restart => OnRestart(restart),
            InstanceEvent.Spawned spawned => OnSpawned(spawned.Pid),
            InstanceEvent.SpawnFailed failed => OnSpawnFailed(failed.Error),
            InstanceEvent.StartUnrecorded unrecorded => OnStartUnrecorded(unrecorded.Error),
            InstanceEvent.Exited exited => OnExited(exited, now),
            InstanceEvent.EndedBefore ended => OnEndedBefore(ended),
            InstanceEvent.RestartDue due => State == ProcessState.BackingOff && due.Generation == Generation
                ? Spawn("backoff elapsed")
                : Transition.Ignore(State, "stale restart timer"),
            InstanceEvent.CoolDownOver over => State == ProcessState.CrashLoop && over.Generation == Generation
                ? LeaveCrashLoop()
                : Transition.Ignore(State, "stale cool-down timer"),
            InstanceEvent.JobTimedOut timedOut => State == ProcessState.Running && timedOut.Generation == Generation
                ? OnJobTimeout()
                : Transition.Ignore(State, "stale job timer"),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "unknown instance event"),
        };
    }

    private Transition OnStart(string reason)
    {
        switch (State)
        {
            case ProcessState.Starting or ProcessState.Running:
                return Transition.Ignore(State, "already running");
            case ProcessState.Stopping:
                _startAfterStop = true;
                return new Transition(State, State, [], reason + "; starts again once stopped");
            default:
                // A start by hand is a fresh start: forget the crash history.
                _window.Reset();
                BackoffAttempt = 0;
                return Spawn(reason, InstanceEffect.Cancel);
        }
    }

    private Transition OnStop(string reason)
    {
        _startAfterStop = false;
        switch (State)
        {
            case ProcessState.Stopped:
                return Transition.Ignore(State, "already stopped");
            case ProcessState.Stopping:
                return new Transition(State, State, [], reason);
            case ProcessState.Starting or ProcessState.Running:
                return Move(ProcessState.Stopping, reason, InstanceEffect.Cancel, InstanceEffect.Stop);
            default:
                NextAttemptDelay = null;
                return Move(ProcessState.Stopped, reason, InstanceEffect.Cancel);
        }
    }

    private Transition OnRestart(InstanceEvent.RestartRequested restart)
    {
        switch (State)
        {
            case ProcessState.Starting or ProcessState.Running:
                _startAfterStop = true;
                if (restart.Counted)
                {
                    Restarts++;
                }

                return Move(ProcessState.Stopping, restart.Reason, InstanceEffect.Cancel, InstanceEffect.Stop);
            case ProcessState.Stopping:
                _startAfterStop = true;
                return new Transition(State, State, [], restart.Reason + "; starts again once stopped");
            default:
                return OnStart(restart.Reason);
        }
    }

    private Transition OnSpawned(int pid)
    {
        switch (State)
        {
            case ProcessState.Starting:
                Pid = pid;
                var transition = Move(ProcessState.Running, $"started with pid {pid}");
                return _spec is { Kind: ProcessKind.Job, Timeout: { } timeout }
                    ? transition with { Effects = [new InstanceEffect.ArmJobTimeout(timeout, Generation)] }
                    : transition;
            case ProcessState.Stopping:
                // The stop was requested while spawning; the process actor stops it now.
                Pid = pid;
                return new Transition(State, State, [], $"started with pid {pid} while stopping");
            default:
                return Transition.Ignore(State, "spawn result after the instance moved on");
        }
    }

    private Transition OnSpawnFailed(string error)
    {
        Pid = null;
        switch (State)
        {
            case ProcessState.Starting:
                Error = error;
                return Move(ProcessState.Errored, "spawn failed: " + error);
            case ProcessState.Stopping:
                var next = _startAfterStop ? ProcessState.Errored : ProcessState.Stopped;
                _startAfterStop = false;
                Error = next == ProcessState.Errored ? error : null;
                return Move(next, "spawn failed: " + error);
            default:
                return Transition.Ignore(State, "spawn failure after the instance moved on");
        }
    }

    private Transition OnEndedBefore(InstanceEvent.EndedBefore ended)
    {
        if (State is not (ProcessState.Stopped or ProcessState.Starting))
        {
            return Transition.Ignore(State, "ended before, but the instance moved on");
        }

        Pid = null;
        LastExit = ended.Outcome;
        LastExitReason = $"{ended.Outcome} ({ended.Reason})";
        return Move(ProcessState.Exited, ended.Reason, InstanceEffect.Cancel);
    }

    private Transition OnStartUnrecorded(string error)
    {
        if (State is not (ProcessState.Starting or ProcessState.Running or ProcessState.Stopping))
        {
            return Transition.Ignore(State, "unrecorded start of a program no longer tracked");
        }

        _errorAfterStop = error;
        _startAfterStop = false;
        return Move(ProcessState.Stopping, error, InstanceEffect.Cancel, InstanceEffect.Kill);
    }

    private Transition OnExited(InstanceEvent.Exited exited, TimeSpan now)
    {
        if (State is not (ProcessState.Running or ProcessState.Stopping))
        {
            return Transition.Ignore(State, "exit of a program no longer tracked");
        }

        Pid = null;
        LastExit = exited.Outcome;
        var outcome = exited.Outcome;
        LastExitReason = ExplainExit(outcome, State == ProcessState.Stopping ? _stopReason : null);
        var success = outcome.IsSuccess(_spec.SuccessExitCodes);
        InstanceEffect[] jobEffects = _spec.Kind == ProcessKind.Job
            ? [new InstanceEffect.JobFinished(outcome, exited.Uptime, _timedOut, success && !_timedOut)]
            : [];

        if (State == ProcessState.Stopping)
        {
            if (_errorAfterStop is { } error)
            {
                _errorAfterStop = null;
                _startAfterStop = false;
                Error = error;
                return Move(ProcessState.Errored, error + ", " + outcome, [InstanceEffect.Cancel, .. jobEffects]);
            }

            if (_startAfterStop)
            {
                _startAfterStop = false;
                return Spawn("restarting after " + outcome, jobEffects);
            }

            var next = _timedOut ? ProcessState.Exited : ProcessState.Stopped;
            var why = _timedOut ? $"job timed out after {_spec.Timeout}, {outcome}" : "stopped, " + outcome;
            return Move(next, why, [InstanceEffect.Cancel, .. jobEffects]);
        }

        if (_spec.Kind == ProcessKind.Job)
        {
            return Move(ProcessState.Exited, "job finished, " + outcome, [InstanceEffect.Cancel, .. jobEffects]);
        }

        if (!RestartDecision.ShouldRestart(_spec.Restart, outcome, _spec.SuccessExitCodes))
        {
            return Move(ProcessState.Exited, $"{outcome}, restart = {_spec.Restart}, not restarted", InstanceEffect.Cancel);
        }

        if (exited.Uptime >= _spec.Backoff.ResetAfter)
        {
            BackoffAttempt = 0;
        }

        Restarts++;
        if (_window.RecordAndCheck(now))
        {
            var crashLoop = _spec.CrashLoop;
            var reason = $"{outcome}; more than {crashLoop.MaxRestarts} restarts within {crashLoop.Within}";
            Error = "crash-loop: " + reason;
            NextAttemptDelay = crashLoop.CoolDown;
            if (crashLoop.CoolDown is not { } coolDown)
            {
                return Move(ProcessState.CrashLoop, reason + "; stays down until started by hand", InstanceEffect.Cancel);
            }

            var moved = Move(ProcessState.CrashLoop, $"{reason}; cooling down {coolDown}");
            return moved with { Effects = [InstanceEffect.Cancel, new InstanceEffect.ScheduleCoolDown(coolDown, Generation)] };
        }

        // The kernel counts restarts made before this one (0 for the first); BackoffAttempt counts from 1.
        var delay = _delays.NextDelay(BackoffAttempt);
        BackoffAttempt++;
        NextAttemptDelay = delay;
        var backingOff = Move(ProcessState.BackingOff, $"{outcome}; restart {BackoffAttempt} in {delay.TotalMilliseconds:0} ms");
        return backingOff with { Effects = [InstanceEffect.Cancel, new InstanceEffect.ScheduleRestart(delay, Generation)] };
    }

    private Transition LeaveCrashLoop()
    {
        _window.Reset();
        BackoffAttempt = 0;
        return Spawn("crash-loop cool-down over");
    }

    private Transition OnJobTimeout()
    {
        _timedOut = true;
        return Move(ProcessState.Stopping, $"job timed out after {_spec.Timeout}", InstanceEffect.Kill);
    }

    private Transition Spawn(string reason, params InstanceEffect[] before)
    {
        _timedOut = false;
        Error = null;
        NextAttemptDelay = null;
        return Move(ProcessState.Starting, reason, [.. before, InstanceEffect.SpawnProgram]);
    }

    /// <summary>The outcome and its cause: pbm's stop reason, or a note that pbm sent no signal.</summary>
    private static string ExplainExit(ExitOutcome outcome, string? stopReason) =>
        stopReason is not null ? $"{outcome}, stopped by pbm: {stopReason}"
        : outcome.Signal == SignalNames.SIGKILL ? $"{outcome}, not sent by pbm (the kernel's OOM killer, or another process)"
        : outcome.Signal is not null ? $"{outcome}, not sent by pbm"
        : $"{outcome}, exited by itself";

    private Transition Move(ProcessState to, string reason, params InstanceEffect[] effects)
    {
        if (to == ProcessState.Stopping)
        {
            _stopReason = reason;
        }

        var from = State;
        State = to;
        Generation++;
        if (to is not (ProcessState.BackingOff or ProcessState.CrashLoop))
        {
            NextAttemptDelay = null;
        }

        return new Transition(from, to, effects, reason);
    }
}
