using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Processes.Apps;

/// <summary>
/// One declared app (/user/processes/web): persists its spec and desired state under <see cref="PersistenceIds.App"/>,
/// owns one <see cref="InstanceActor"/> per instance (web-0, web-1, ...) and carries out the commands that name the
/// app. Every change is durable before it is acted on; replies wait until the instances settled. Reports its spec,
/// desired state and instance statuses to the supervisor, which answers lists from them.
/// </summary>
internal sealed partial class AppActor : UntypedPersistentActor, IWithTimers
{
    /// <summary>How long after an instance actor stopped unexpectedly (its journal failed) a new one takes its place.</summary>
    private static readonly TimeSpan ReplaceStoppedInstanceAfter = TimeSpan.FromSeconds(1);

    private readonly string _name;
    private readonly ProcessSupervisorSettings _settings;
    private readonly Func<ProcessSpec, IRestartDelayPolicy> _delayPolicy;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JournalRejections _rejections = new();

    /// <summary>Instance actors by index.</summary>
    private readonly List<IActorRef> _instances = [];

    /// <summary>Last reported status per index.</summary>
    private readonly Dictionary<int, ProcessStatus> _statuses = [];

    /// <summary>Recent job runs, oldest first, at most Spec.JobHistoryLimit.</summary>
    private readonly Queue<JobRun> _jobRuns = new();

    /// <summary>The declared spec; null before the app is declared and after it is deleted.</summary>
    private ProcessSpec? _spec;

    private DesiredState _desired = DesiredState.Stopped;

    /// <summary>Events persisted since the last snapshot.</summary>
    private int _sinceSnapshot;

    /// <summary>After recovery: instances that have not reported their status yet; the supervisor hears of the app once none is left.</summary>
    private HashSet<IActorRef>? _unreported;

    public AppActor(string name, ProcessSupervisorSettings settings, Func<ProcessSpec, IRestartDelayPolicy> delayPolicy)
    {
        _name = name;
        _settings = settings;
        _delayPolicy = delayPolicy;
        PersistenceId = PersistenceIds.App(name);
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string name, ProcessSupervisorSettings settings, Func<ProcessSpec, IRestartDelayPolicy> delayPolicy) =>
        Akka.Actor.Props.Create(() => new AppActor(name, settings, delayPolicy));

    // A switch instead of ReceivePersistentActor's Recover<T>/Command<T>: those keep a delegate and matcher per handler
    // in every actor (about 2 KB per app), and an app actor lives for every declared program.
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                if (offer.Snapshot is AppSnapshot snapshot)
                {
                    (_spec, _desired) = (snapshot.Spec, snapshot.Desired);
                }
                break;
            case ProcessEvent recorded:
                Apply(recorded);
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
            case DeclareApp declare:
                OnDeclare(declare);
                break;
            case StartDeclaredProcess:
                LatencyTrace.Mark(LatencyStage.AppStartCommand, -1);
                Declared(spec => Start(Sender));
                break;
            case StopProcess:
                Declared(spec => Stop(Sender));
                break;
            case RestartProcess:
                Declared(spec => Restart(Sender));
                break;
            case ControlInstance control:
                Declared(spec => OnControlInstance(spec, control, Sender));
                break;
            case SignalProcess signal:
                Declared(spec => OnSignal(spec, signal, Sender));
                break;
            case ReplaceSpec replace:
                Declared(_ => Replace(replace.Spec, replace.Desired, Sender));
                break;
            case ScaleProcess scale:
                Declared(spec => OnScale(spec, scale.Instances, Sender));
                break;
            case RemoveApp remove:
                Declared(_ => Remove(remove.Reason, Sender));
                break;
            case Retired retired:
                OnRetired(retired);
                break;
            case ShutdownProcesses:
                OnShutdown(Sender);
                break;
            case DescribeProcess:
                Declared(spec => Sender.Tell(new ProcessDescription(spec, _desired, OrderedStatuses(spec), [.. _jobRuns])));
                break;
            case TailLog tail:
                OnTail(tail);
                break;
            case FollowLog follow:
                OnFollow(follow);
                break;
            case FlushLogs:
                OnFlush(Sender);
                break;
            case GetAppBuffers:
                OnBuffers(Sender);
                break;
            case InstanceStatusChanged changed:
                OnStatusChanged(changed);
                break;
            case JobRunRecorded recorded:
                AddJobRun(recorded.Run);
                break;
            case Terminated terminated:
                OnInstanceTerminated(terminated);
                break;
            case ReplaceStoppedInstance replace:
                OnReplaceStoppedInstance(replace);
                break;
            case StopInstanceActors stop:
                stop.Actors.ForEach(Context.Stop);
                break;
            case WatchRestartDue due:
                OnWatchRestartDue(due);
                break;
            case WatchRestartDone:
                OnWatchRestartDone();
                break;

            // Answers to commands the app sent on its own (recovery); nobody waits for them.
            case ProcessStatus:
                break;
            case SaveSnapshotSuccess saved:
                OnSnapshotSaved(saved);
                break;
            case SaveSnapshotFailure failed:
                _log.Warning(failed.Cause, "{0}: saving a snapshot failed", PersistenceId);
                break;
            case DeleteMessagesSuccess:
                break;
            case DeleteMessagesFailure failed:
                _log.Warning(failed.Cause, "{0}: trimming old journal events failed", PersistenceId);
                break;
            case DeleteSnapshotsSuccess:
            case DeleteSnapshotsFailure:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // An instance actor that throws keeps its state and its program: losing track of a running program would be
        // worse than skipping the message that failed.
        new OneForOneStrategy(_ => Directive.Resume);

    /// <summary>The fold of the app's events: recovery and the handlers of new events share it.</summary>
    private void Apply(ProcessEvent recorded)
    {
        switch (recorded)
        {
            case AppDeclared declared:
                (_spec, _desired) = (declared.Spec, declared.Desired);
                break;
            case AppConfigChanged changed:
                _spec = changed.Spec;
                break;
            case DesiredStateChanged state:
                _desired = state.Desired;
                break;
            case AppDeleted:
                _spec = null;
                break;
        }

        if (!IsRecovering)
        {
            SyncWatcher();
        }
    }

    private void OnRecovered()
    {
        SyncWatcher();
        if (_spec is { } spec)
        {
            // Instances come back in index order; each first adopts the program its journal recorded, if still alive.
            for (var index = 0; index < spec.Instances; index++)
            {
                var instance = AddInstance(spec, index);
                instance.Tell(_desired == DesiredState.Running
                    ? ResumeInstance.Instance
                    : new StopInstance("daemon restarted; stopped on purpose before"));
            }

            _unreported = [.. _instances];
        }

        ReportRecoveredWhenInstancesDid();
    }

    private void ReportRecoveredWhenInstancesDid()
    {
        if (_unreported is { Count: > 0 })
        {
            return;
        }

        _unreported = null;
        Context.Parent.Tell(new AppRecovered(_name, _spec, _desired, [.. _statuses.Values]));
    }

    /// <summary>
    /// Persists <paramref name="recorded"/>, applies it, tells the supervisor, then runs <paramref name="then"/>. When
    /// the journal refuses it, nothing of it happens and <paramref name="replyTo"/> (the sender by default) is told why.
    /// </summary>
    private void Record(ProcessEvent recorded, Action then, IActorRef? replyTo = null, Action? refused = null)
    {
        replyTo ??= Sender;
        var mark = _rejections.Count;
        Persist(recorded, persisted =>
        {
            Apply(persisted);
            if (_spec is { } spec)
            {
                Context.Parent.Tell(new AppChanged(_name, spec, _desired));
            }

            if (_settings.SnapshotEvery > 0 && ++_sinceSnapshot >= _settings.SnapshotEvery)
            {
                _sinceSnapshot = 0;
                SaveSnapshot(new AppSnapshot(_spec, _desired));
            }

            then();
        });
        DeferAsync(recorded, _ =>
        {
            if (_rejections.Since(mark))
            {
                replyTo.Tell(new JournalRefused($"'{_name}': {Describe(recorded)}", _rejections.LastReason, Changed: recorded is AppDeleted));
                refused?.Invoke();
            }
        });
    }

    private static string Describe(ProcessEvent recorded) => recorded switch
    {
        AppDeclared => "declaring the app",
        DesiredStateChanged { Desired: DesiredState.Running } => "the start",
        DesiredStateChanged => "the stop",
        AppConfigChanged => "the config change",
        AppDeleted => "the deletion",
        _ => recorded.GetType().Name,
    };

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _rejections.Add(Context, PersistenceId, cause, @event);

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        var trimTo = saved.Metadata.SequenceNr - _settings.RetainedEvents;
        if (trimTo > 0)
        {
            DeleteMessages(trimTo);
        }

        DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
    }

    private void Declared(Action<ProcessSpec> action)
    {
        if (_spec is { } spec)
        {
            action(spec);
        }
        else
        {
            Sender.Tell(new ProcessNotFound(_name));
        }
    }

    private IActorRef AddInstance(ProcessSpec spec, int index)
    {
        var name = spec.InstanceName(index);
        if (!Context.Child(name).IsNobody())
        {
            // The previous actor of that name is still terminating (scale down then up again quickly).
            name = $"{name}~{Guid.NewGuid():N}";
        }

        var actor = Context.ActorOf(InstanceActor.Props(spec, index, _settings, _delayPolicy, Context.Parent), name);
        Context.Watch(actor);
        if (index < _instances.Count)
        {
            _instances[index] = actor;
        }
        else
        {
            _instances.Add(actor);
        }

        return actor;
    }

    private void OnStatusChanged(InstanceStatusChanged changed)
    {
        var status = changed.Status;
        if (status.Instance < _instances.Count && ReferenceEquals(_instances[status.Instance], Sender))
        {
            _statuses[status.Instance] = status;
            if (_unreported?.Remove(Sender) == true)
            {
                ReportRecoveredWhenInstancesDid();
            }
        }
    }

    private void AddJobRun(JobRun run)
    {
        _jobRuns.Enqueue(run);
        while (_jobRuns.Count > (_spec?.JobHistoryLimit ?? 0))
        {
            _jobRuns.Dequeue();
        }
    }

    /// <summary>
    /// An instance actor stops only when its journal failed (Akka stops a persistent actor whose write failed; its
    /// program stopped with it). Another takes its place after a pause, recovers what was recorded and runs again
    /// if the app should run.
    /// </summary>
    private void OnInstanceTerminated(Terminated terminated)
    {
        var index = _instances.IndexOf(terminated.ActorRef);
        if (index < 0 || _spec is null)
        {
            return;
        }

        _log.Error("{0}: the instance actor stopped (its journal write failed?); a new one starts in {1}", _spec.InstanceName(index), ReplaceStoppedInstanceAfter);
        Timers.StartSingleTimer(("replace", index), new ReplaceStoppedInstance(index, terminated.ActorRef), ReplaceStoppedInstanceAfter);
    }

    private void OnReplaceStoppedInstance(ReplaceStoppedInstance replace)
    {
        if (_spec is not { } spec || replace.Index >= _instances.Count || !_instances[replace.Index].Equals(replace.Stopped))
        {
            return;
        }

        var instance = AddInstance(spec, replace.Index);
        if (_desired == DesiredState.Running)
        {
            instance.Tell(new StartInstance("instance actor replaced"));
        }
    }

    private IReadOnlyList<ProcessStatus> OrderedStatuses(ProcessSpec spec) =>
        [.. Enumerable.Range(0, _instances.Count).Select(index => _statuses.TryGetValue(index, out var status) ? status : Placeholder(spec, index))];

    internal static ProcessStatus Placeholder(ProcessSpec spec, int index) => new(
        spec.Name, index, spec.InstanceName(index), ProcessState.Stopped, null, 0, null, null, null, null, null, null, null, 0, spec.Kind);

    private sealed record ReplaceStoppedInstance(int Index, IActorRef Stopped);

    private sealed record StopInstanceActors(List<IActorRef> Actors);
}
