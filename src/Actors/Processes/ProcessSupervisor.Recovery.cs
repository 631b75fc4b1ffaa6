using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervisor;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes;

public sealed partial class ProcessSupervisor
{
    /// <summary>Events read per persistence id when recovering: the newest ones decide.</summary>
    private const int RecoveryReadLimit = 10_000;

    private async Task<IReadOnlyList<RecoveredApp>> RecoverAsync()
    {
        var journal = _journal.Journal;
        var apps = new List<RecoveredApp>();
        foreach (var appId in await journal.PersistenceIdsAsync("app/").ConfigureAwait(false))
        {
            ProcessSpec? spec = null;
            var desired = DesiredState.Stopped;
            foreach (var entry in await journal.ReadAsync(appId, null, RecoveryReadLimit).ConfigureAwait(false))
            {
                switch (entry.Event)
                {
                    case AppDeclared declared:
                        (spec, desired) = (declared.Spec, declared.Desired);
                        break;
                    case AppConfigChanged changed:
                        spec = changed.Spec;
                        break;
                    case DesiredStateChanged state:
                        desired = state.Desired;
                        break;
                    case AppDeleted:
                        spec = null;
                        break;
                }
            }

            if (spec is null)
            {
                continue;
            }

            var instances = new List<InstanceRecovery>();
            for (var index = 0; index < spec.Instances; index++)
            {
                instances.Add(Fold(await journal.ReadAsync("process/" + spec.InstanceName(index), null, RecoveryReadLimit).ConfigureAwait(false)));
            }

            apps.Add(new RecoveredApp(spec, desired, instances));
        }

        return apps;
    }

    private static InstanceRecovery Fold(IReadOnlyList<JournaledProcessEvent> events)
    {
        var recovery = InstanceRecovery.None;
        foreach (var entry in events)
        {
            recovery = entry.Event switch
            {
                ProgramStarted started => recovery with { Pid = started.Pid, StartTimeTicks = started.StartTimeTicks, Restarts = started.Restarts },
                ProgramExitedEvent => recovery with { Pid = null, StartTimeTicks = null },
                RestartScheduled scheduled => recovery with { Restarts = scheduled.Restarts },
                CrashLoopEntered entered => recovery with { Restarts = entered.Restarts },
                JobFinishedEvent job => recovery with { JobRuns = job.Run.Run },
                _ => recovery,
            };
        }

        return recovery;
    }

    private void OnRecovered(RecoveryFinished finished)
    {
        if (finished.Error is { } error)
        {
            Log.LogRecoveryFailed(error);
        }

        // In name order, instances in index order: programs come back in a predictable order.
        foreach (var recovered in finished.Apps)
        {
            var app = Declare(recovered.Spec, recovered.Desired, recovered.Instances, record: false);
            for (var index = 0; index < app.Instances.Count; index++)
            {
                var wasRunning = recovered.Instances[index].Pid is not null;
                if (recovered.Desired == DesiredState.Running)
                {
                    app.Instances[index].Tell(new StartInstance("daemon restarted"), Self);
                }
                else if (wasRunning)
                {
                    app.Instances[index].Tell(new StopInstance("daemon restarted; stopped on purpose before"), Self);
                }
            }
        }

        Become(Ready);
        foreach (var (message, sender) in _stashed)
        {
            Self.Tell(message, sender);
        }

        _stashed.Clear();
    }
}
