using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ProcessManager.Actors.Processes.Apps;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using ProcessManager.Actors.Processes.Supervisor;

namespace ProcessManager.Actors.Processes;

/// <summary>
/// /user/processes: one child <see cref="AppActor"/> per declared app (/user/processes/web, whose instances are
/// /user/processes/web/web-0, ...). Persists which apps exist under <see cref="PersistenceIds.Registry"/>, starts
/// their actors again when it recovers and holds commands back until every app has recovered; answers the commands
/// of <see cref="Protocol"/>, forwarding those that name one app to it.
/// </summary>
public sealed partial class ProcessSupervisor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The supervisor's actor name under /user.</summary>
    public const string ActorName = "processes";

    /// <summary>How long after an app actor stopped unexpectedly (its journal failed) a new one takes its place.</summary>
    private static readonly TimeSpan ReplaceStoppedAppAfter = TimeSpan.FromSeconds(1);

    private readonly ProcessSupervisorSettings _settings;
    private readonly Func<ProcessSpec, IRestartDelayPolicy> _delayPolicy;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JournalRejections _rejections = new();

    /// <summary>App names the registry stream holds (durable).</summary>
    private readonly SortedSet<string> _registered = new(StringComparer.Ordinal);

    /// <summary>The apps with a live actor, by name.</summary>
    private readonly SortedDictionary<string, AppEntry> _apps = new(StringComparer.Ordinal);

    /// <summary>Apps whose recovery has not reported yet; commands wait until none is left.</summary>
    private readonly HashSet<string> _recovering = new(StringComparer.Ordinal);

    /// <summary>The registry stream already went through the one-time scan of a pre-registry journal.</summary>
    private bool _legacyImported;

    /// <summary>Messages held back while apps recover.</summary>
    private int _stashed;

    /// <summary>Events persisted since the last snapshot.</summary>
    private int _sinceSnapshot;

    public ProcessSupervisor(ProcessSupervisorSettings settings, Func<ProcessSpec, IRestartDelayPolicy>? delayPolicy)
    {
        _settings = settings;
        _delayPolicy = delayPolicy ?? (spec => RestartDelays.For(spec.Backoff));

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is RegistrySnapshot snapshot)
            {
                _registered.UnionWith(snapshot.Names);
                _legacyImported = true;
            }
        });
        Recover<AppRegistered>(registered => _registered.Add(registered.Name));
        Recover<AppUnregistered>(unregistered => _registered.Remove(unregistered.Name));
        Recover<LegacyAppsImported>(imported =>
        {
            _registered.UnionWith(imported.Names);
            _legacyImported = true;
        });
        Recover<RecoveryCompleted>(_ => OnRegistryRecovered());
        RecoveringApps();
    }

    public override string PersistenceId => PersistenceIds.Registry;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the supervisor. Its persistent actors use the actor system's default journal and snapshot store.</summary>
    public static Props Props(ProcessSupervisorSettings? settings = null, Func<ProcessSpec, IRestartDelayPolicy>? delayPolicy = null) =>
        Akka.Actor.Props.Create(() => new ProcessSupervisor(settings ?? ProcessSupervisorSettings.Default, delayPolicy));

    /// <summary>
    /// The supervisor's own parent is the guardian, which restarts a failing child, and a restart stops every app and
    /// with them every program. So a handler that throws is skipped here, as Resume would: the state stays, the
    /// caller of a command hears of it, and the next message is handled.
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception error) when (error is not ActorInitializationException)
        {
            _log.Error(error, "Handling {0} failed; skipped it, and the apps and programs go on", message.GetType().Name);
            if (message is IProcessCommand && !Sender.IsNobody())
            {
                Sender.Tell(new CommandFailed($"internal error while handling {message.GetType().Name}: {error.Message}; nothing was changed"));
            }

            return true;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // An app actor that throws keeps its state and its instances: stopping or restarting it would stop programs.
        new OneForOneStrategy(_ => Directive.Resume);

    private void OnRegistryRecovered()
    {
        if (_legacyImported)
        {
            StartApps();
        }
        else if (_settings.ReadJournalId is { } readJournal)
        {
            // A journal written before the registry existed: its apps are the app/NAME streams it holds.
            LegacyApps.FindAsync(Context.System, readJournal)
                .PipeTo(Self, Self, names => new LegacyAppsFound(names), error => new LegacyAppsFound([], error));
        }
        else
        {
            ImportLegacyApps(new LegacyAppsFound([]));
        }
    }

    /// <summary>Until every app reported its recovery: commands are held back (bounded), reports are taken.</summary>
    private void RecoveringApps()
    {
        Command<LegacyAppsFound>(ImportLegacyApps);
        Command<AppRecovered>(OnAppRecovered);
        Command<AppChanged>(OnAppChanged);
        Command<InstanceStatusChanged>(OnStatusChanged);
        CommandAny(message =>
        {
            if (_stashed >= _settings.RecoveryStashCapacity)
            {
                Sender.Tell(new CommandFailed("the daemon is still recovering its processes; try again shortly"));
                return;
            }

            _stashed++;
            Stash.Stash();
        });
    }

    private void ImportLegacyApps(LegacyAppsFound found)
    {
        if (found.Error is { } error)
        {
            _log.Error(error, "Scanning the journal for apps declared before the registry failed; starting with the registered ones only");
        }

        Persist(new LegacyAppsImported(found.Names), imported =>
        {
            _registered.UnionWith(imported.Names);
            _legacyImported = true;
            StartApps();
        });
    }

    private void StartApps()
    {
        foreach (var name in _registered)
        {
            _apps[name] = new AppEntry(StartAppActor(name), null, DesiredState.Stopped);
            _recovering.Add(name);
        }

        FinishRecoveryWhenDone();
    }

    private IActorRef StartAppActor(string name)
    {
        var actorName = Context.Child(name).IsNobody() ? name : $"{name}~{Guid.NewGuid():N}";
        var actor = Context.ActorOf(AppActor.Props(name, _settings, _delayPolicy), actorName);
        Context.Watch(actor);
        return actor;
    }

    private void OnAppRecovered(AppRecovered recovered)
    {
        if (!_apps.TryGetValue(recovered.Name, out var entry))
        {
            return;
        }

        entry.Spec = recovered.Spec;
        entry.Desired = recovered.Desired;
        foreach (var status in recovered.Statuses)
        {
            // An instance may have reported a newer status straight to the supervisor already: that one stays.
            entry.Statuses.TryAdd(status.Instance, status);
        }

        _recovering.Remove(recovered.Name);
        FinishRecoveryWhenDone();
    }

    private void FinishRecoveryWhenDone()
    {
        if (_recovering.Count > 0)
        {
            return;
        }

        // A registered app whose stream holds no declaration (deleted, or declared while the daemon died) is dropped.
        var empty = _apps.Where(pair => pair.Value.Spec is null).Select(pair => pair.Key).ToList();
        foreach (var name in empty)
        {
            Context.Stop(_apps[name].Actor);
            _apps.Remove(name);
        }

        PersistAll(empty.Select(name => new AppUnregistered(name)), Unregistered);
        DeferAsync(Done.Instance, _ =>
        {
            Become(Ready);
            _stashed = 0;
            Stash.UnstashAll();
        });
    }

    private void Ready()
    {
        Command<StartProcess>(OnStartProcess);
        Command<StartDeclaredProcess>(start => WithApp(start.Name, app => app.Actor.Forward(start)));
        Command<StopProcess>(stop => WithApp(stop.Name, app => app.Actor.Forward(stop)));
        Command<RestartProcess>(restart => WithApp(restart.Name, app => app.Actor.Forward(restart)));
        Command<ControlInstance>(control => WithApp(control.Name, app => app.Actor.Forward(control)));
        Command<SignalProcess>(signal => WithApp(signal.Name, app => app.Actor.Forward(signal)));
        Command<ScaleProcess>(scale => WithApp(scale.Name, app => app.Actor.Forward(scale)));
        Command<DescribeProcess>(describe => WithApp(describe.Name, app => app.Actor.Forward(describe)));
        Command<TailLog>(tail => WithApp(tail.Name, app => app.Actor.Forward(tail), refuseDeleting: false));
        Command<FollowLog>(follow => WithApp(follow.Name, app => app.Actor.Forward(follow), refuseDeleting: false));
        Command<FlushLogs>(OnFlush);
        Command<DeleteProcess>(delete => WithApp(delete.Name, app => Delete(app, "deleting", Sender, null)));
        Command<AppDeletion>(OnAppDeletion);
        Command<ApplyConfig>(OnApply);
        Command<ListProcesses>(_ => Sender.Tell(new ProcessList([.. _apps.Values.SelectMany(app => app.OrderedStatuses())])));
        Command<GetBufferStats>(_ => OnBufferStats());
        Command<GetProcessHistory>(OnHistory);
        Command<ShutdownProcesses>(_ => OnShutdown());
        Command<AppChanged>(OnAppChanged);
        Command<InstanceStatusChanged>(OnStatusChanged);
        Command<AppRecovered>(_ => { });
        Command<AppDeclarationRefused>(OnAppDeclarationRefused);
        Command<Terminated>(OnAppTerminated);
        Command<ReplaceStoppedApp>(OnReplaceStoppedApp);
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => _log.Warning(failed.Cause, "Saving a snapshot of the app registry failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    private void WithApp(string name, Action<AppEntry> action, bool refuseDeleting = true)
    {
        if (!_apps.TryGetValue(name, out var app) || app.Spec is null)
        {
            Sender.Tell(new ProcessNotFound(name));
        }
        else if (refuseDeleting && app.Deleting)
        {
            Sender.Tell(new CommandFailed($"'{name}' is being deleted"));
        }
        else
        {
            action(app);
        }
    }

    private void OnAppChanged(AppChanged changed)
    {
        if (_apps.TryGetValue(changed.Name, out var app) && ReferenceEquals(app.Actor, Sender))
        {
            app.Changed(changed.Spec, changed.Desired);
        }
    }

    private void OnStatusChanged(InstanceStatusChanged changed)
    {
        // Instances report to their app and here: a status sent before an answer is in this mailbox before the next question.
        var status = changed.Status;
        if (_apps.TryGetValue(status.Name, out var app) && app.Actor.Path.Equals(Sender.Path.Parent))
        {
            app.Statuses[status.Instance] = status;
        }
    }

    /// <summary>
    /// An app actor stops only when its journal failed (Akka stops a persistent actor whose write failed; its
    /// instances and their programs stopped with it). Another takes its place after a pause, recovers what was
    /// recorded and runs the instances that should run.
    /// </summary>
    private void OnAppTerminated(Terminated terminated)
    {
        var stopped = _apps.FirstOrDefault(pair => pair.Value.Actor.Equals(terminated.ActorRef));
        if (stopped.Value is null || stopped.Value.Deleting)
        {
            return;
        }

        _log.Error("App '{0}': its actor stopped (its journal write failed?); a new one starts in {1}", stopped.Key, ReplaceStoppedAppAfter);
        stopped.Value.Statuses.Clear();
        Timers.StartSingleTimer(("replace", stopped.Key), new ReplaceStoppedApp(stopped.Key, terminated.ActorRef), ReplaceStoppedAppAfter);
    }

    private void OnReplaceStoppedApp(ReplaceStoppedApp replace)
    {
        if (_apps.TryGetValue(replace.Name, out var app) && app.Actor.Equals(replace.Stopped))
        {
            app.Actor = StartAppActor(replace.Name);
        }
    }

    /// <summary>
    /// Records an app as existing, then starts its actor; <paramref name="then"/> gets the new entry. When the journal
    /// refuses the record, <paramref name="replyTo"/> is told and nothing starts.
    /// </summary>
    private void Register(ProcessSpec spec, DesiredState desired, IActorRef replyTo, Action<AppEntry> then)
    {
        var mark = _rejections.Count;

        // The app's actor recovers its (empty) stream while the registry writes: the two journal round trips overlap.
        // It is told to declare only once the registration is durable.
        var actor = StartAppActor(spec.Name);
        Persist(new AppRegistered(spec.Name), registered =>
        {
            var entry = new AppEntry(actor, spec, desired);
            _apps[registered.Name] = entry;
            Registered(registered);
            then(entry);
        });
        DeferAsync(spec, _ =>
        {
            if (RefuseIfRejected(mark, replyTo, $"adding '{spec.Name}'"))
            {
                Context.Unwatch(actor);
                Context.Stop(actor);
            }
        });
    }

    /// <summary>Tells <paramref name="replyTo"/> the journal refused what was persisted since <paramref name="mark"/>; true if so.</summary>
    private bool RefuseIfRejected(int mark, IActorRef? replyTo, string what, bool changed = false)
    {
        if (!_rejections.Since(mark))
        {
            return false;
        }

        replyTo?.Tell(new JournalRefused(what, _rejections.LastReason, changed));
        return true;
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _rejections.Add(Context, PersistenceId, cause, @event);

    private void OnAppDeclarationRefused(AppDeclarationRefused refused)
    {
        if (_apps.Remove(refused.Name, out var app))
        {
            Context.Unwatch(app.Actor);
            Context.Stop(app.Actor);
        }
    }

    private void Registered(AppRegistered registered)
    {
        _registered.Add(registered.Name);
        CountForSnapshot();
    }

    private void Unregistered(AppUnregistered unregistered)
    {
        _registered.Remove(unregistered.Name);
        CountForSnapshot();
    }

    private void CountForSnapshot()
    {
        if (_settings.SnapshotEvery > 0 && ++_sinceSnapshot >= _settings.SnapshotEvery)
        {
            _sinceSnapshot = 0;
            SaveSnapshot(new RegistrySnapshot([.. _registered]));
        }
    }
}
