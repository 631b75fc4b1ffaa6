using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using ProcessManager.Actors.Processes.Supervisor;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes;

/// <summary>
/// /user/processes: one child per declared app instance (web-0, web-1, ...), each supervising one OS
/// program. Answers the commands of <see cref="Protocol"/>; keeps the declared specs and desired
/// states in the journal ("app/NAME") and recovers them when started again.
/// </summary>
public sealed partial class ProcessSupervisor : ReceiveActor
{
    /// <summary>The supervisor's actor name under /user.</summary>
    public const string ActorName = "processes";

    private const int MaxStashedDuringRecovery = 10_000;

    private readonly ProcessSupervisorSettings _settings;
    private readonly JournalWriter _journal;
    private readonly Func<ProcessSpec, IBackoffDelayPolicy> _delayPolicy;
    private readonly SortedDictionary<string, DeclaredApp> _apps = new(StringComparer.Ordinal);

    /// <summary>Commands that arrived while recovering, replayed afterwards.</summary>
    private readonly List<(object Message, IActorRef Sender)> _stashed = [];

    public ProcessSupervisor(ProcessSupervisorSettings settings, IProcessJournal journal, Func<ProcessSpec, IBackoffDelayPolicy>? delayPolicy)
    {
        _settings = settings;
        _journal = new JournalWriter(journal);
        _delayPolicy = delayPolicy ?? (spec => RestartDelays.For(spec.Backoff));
        Recovering();
    }

    /// <summary>Props for the supervisor; without a journal, history is kept in memory only.</summary>
    public static Props Props(
        ProcessSupervisorSettings? settings = null,
        IProcessJournal? journal = null,
        Func<ProcessSpec, IBackoffDelayPolicy>? delayPolicy = null) =>
        Kernel.Props.Create(() => new ProcessSupervisor(
            settings ?? ProcessSupervisorSettings.Default, journal ?? new InMemoryProcessJournal(), delayPolicy));

    /// <summary>
    /// Starts the supervisor as /user/processes and registers the graceful stop of every program in
    /// the service-stop phase of coordinated shutdown.
    /// </summary>
    public static IActorRef Start(ActorSystem system, ProcessSupervisorSettings? settings = null, IProcessJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var supervisor = system.ActorOf(Props(settings, journal), ActorName);
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "stop-processes", async cancellationToken =>
        {
            try
            {
                await supervisor.Ask<ProcessesShutDown>(ShutdownProcesses.Instance, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is AskTimeoutException or OperationCanceledException)
            {
                // The actors' PostStop SIGKILLs whatever is left.
            }
        });
        return supervisor;
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // An instance actor that throws keeps its state and its program: losing track of a running
        // program would be worse than skipping the message that failed.
        new OneForOneStrategy(_ => Directive.Resume);

    protected override void PreStart() => RecoverAsync().PipeTo(Self, Self, apps => new RecoveryFinished(apps, null), error => new RecoveryFinished([], error));

    protected override void PostStop() => _journal.Complete();

    private void Recovering()
    {
        Receive<RecoveryFinished>(OnRecovered);
        Receive<InstanceStatusChanged>(OnStatusChanged);
        ReceiveAny(message =>
        {
            if (_stashed.Count >= MaxStashedDuringRecovery)
            {
                Sender.Tell(new CommandFailed("the daemon is still recovering its processes; try again shortly"));
                return;
            }

            _stashed.Add((message, Sender));
        });
    }

    private void Ready()
    {
        Receive<StartProcess>(OnStartProcess);
        Receive<StartDeclaredProcess>(start => WithApp(start.Name, app => StartApp(app, Sender)));
        Receive<StopProcess>(stop => WithApp(stop.Name, app => StopApp(app, Sender)));
        Receive<RestartProcess>(restart => WithApp(restart.Name, app => RestartApp(app, Sender)));
        Receive<DeleteProcess>(delete => WithApp(delete.Name, app => RemoveApp(app, "deleting", Sender, null)));
        Receive<ScaleProcess>(OnScale);
        Receive<ApplyConfig>(OnApply);
        Receive<ListProcesses>(_ => Sender.Tell(new ProcessList([.. _apps.Values.SelectMany(app => app.OrderedStatuses())])));
        Receive<DescribeProcess>(describe => WithApp(describe.Name, app => Sender.Tell(
            new ProcessDescription(app.Spec, app.Desired, app.OrderedStatuses(), [.. app.JobRuns]))));
        Receive<TailLog>(OnTail);
        Receive<FollowLog>(OnFollow);
        Receive<FlushLogs>(OnFlush);
        Receive<GetBufferStats>(_ => OnBufferStats());
        Receive<GetProcessHistory>(OnHistory);
        Receive<ShutdownProcesses>(_ => OnShutdown());
        Receive<InstanceStatusChanged>(OnStatusChanged);
        Receive<JobRunRecorded>(recorded =>
        {
            if (_apps.TryGetValue(recorded.Name, out var app))
            {
                app.AddJobRun(recorded.Run);
            }
        });
        Receive<AppStoppedForDeletion>(OnAppStoppedForDeletion);

        // Answers to commands the supervisor sent on its own (recovery); nobody waits for them.
        Receive<ProcessStatus>(_ => { });
        Receive<StopInstanceActors>(stop =>
        {
            foreach (var actor in stop.Actors)
            {
                Context.Stop(actor);
            }
        });
    }

    private void WithApp(string name, Action<DeclaredApp> action)
    {
        if (!_apps.TryGetValue(name, out var app))
        {
            Sender.Tell(new ProcessNotFound(name));
        }
        else if (app.Deleting)
        {
            Sender.Tell(new CommandFailed($"'{name}' is being deleted"));
        }
        else
        {
            action(app);
        }
    }

    private void OnStatusChanged(InstanceStatusChanged changed)
    {
        var status = changed.Status;
        if (_apps.TryGetValue(status.Name, out var app)
            && status.Instance < app.Instances.Count
            && ReferenceEquals(app.Instances[status.Instance], Sender))
        {
            app.Statuses[status.Instance] = status;
        }
    }

    /// <summary>How long an instance may take to settle after a command.</summary>
    private TimeSpan SettleTimeout(ProcessSpec spec) => _settings.CommandTimeout + spec.Stop.Timeout + spec.Stop.Timeout;

    private static string AppId(string name) => "app/" + name;
}
