using Akka.Actor;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

/// <summary>watch: a child that follows the app's files, and the restarts it asks for.</summary>
internal sealed partial class AppActor
{
    /// <summary>The watcher of the current spec's files; null when the app has no watch.</summary>
    private IActorRef? _watcher;

    /// <summary>The spec <see cref="_watcher"/> was made for.</summary>
    private ProcessSpec? _watchedSpec;

    /// <summary>Numbers the watcher's actor name, so that a replacement never waits for its predecessor's name.</summary>
    private int _watcherGeneration;

    /// <summary>A watch restart is running; a change meanwhile waits in <see cref="_watchPending"/> (one, the latest).</summary>
    private bool _watchRestarting;

    private WatchRestartDue? _watchPending;

    /// <summary>Keeps the watcher in step with the spec: started, replaced when its watch settings or folder change, stopped.</summary>
    private void SyncWatcher()
    {
        var spec = _spec;
        if (spec?.Watch is null)
        {
            StopWatcher();
            return;
        }

        if (_watcher is not null && _watchedSpec is { } watched && SameWatch(watched, spec))
        {
            return;
        }

        StopWatcher();
        _watcher = Context.ActorOf(AppWatcher.Props(spec), $"watch~{++_watcherGeneration}");
        _watchedSpec = spec;
    }

    private void StopWatcher()
    {
        if (_watcher is { } watcher)
        {
            Context.Stop(watcher);
        }

        (_watcher, _watchedSpec) = (null, null);
    }

    private static bool SameWatch(ProcessSpec a, ProcessSpec b) =>
        a.WorkingDirectory == b.WorkingDirectory
        && a.Watch!.SequenceEqual(b.Watch!)
        && a.WatchIgnore.SequenceEqual(b.WatchIgnore)
        && a.WatchDebounce == b.WatchDebounce
        && a.WatchMaxDirectories == b.WatchMaxDirectories;

    /// <summary>
    /// Files changed: a restart like <c>pbm process restart</c> (one instance after the other, not counted as a crash),
    /// recorded first with what changed. Only for an app meant to run; a stopped app stays stopped.
    /// </summary>
    private void OnWatchRestartDue(WatchRestartDue due)
    {
        if (!Sender.Equals(_watcher) || _spec is null || _desired != DesiredState.Running)
        {
            return;
        }

        if (_watchRestarting)
        {
            _watchPending = due;
            return;
        }

        var instances = _instances.ToList();
        var timeout = SettleTimeout(_spec);
        var self = Self;

        // Persist holds later messages back until this callback ran, so a second change cannot start a second restart.
        Record(new WatchRestart(due.FirstPath, due.Changes), () =>
        {
            _watchRestarting = true;
            RestartEach(instances, due.Reason, timeout).ContinueWith(
                _ => self.Tell(WatchRestartDone.Instance),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }, ActorRefs.Nobody);
    }

    private void OnWatchRestartDone()
    {
        _watchRestarting = false;
        if (_watchPending is { } pending)
        {
            _watchPending = null;
            OnWatchRestartDueFrom(pending);
        }
    }

    /// <summary>A change that arrived during the previous restart, handled as if the watcher sent it now.</summary>
    private void OnWatchRestartDueFrom(WatchRestartDue due)
    {
        if (_watcher is { } watcher)
        {
            Self.Tell(due, watcher);
        }
    }

    private static async Task RestartEach(IReadOnlyList<IActorRef> instances, string reason, TimeSpan timeout)
    {
        foreach (var instance in instances)
        {
            try
            {
                await instance.Ask<ProcessStatus>(new RestartInstance(reason), timeout).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                // The next instance still restarts; the slow one settles on its own.
            }
        }
    }

    private sealed record WatchRestartDone
    {
        public static WatchRestartDone Instance { get; } = new();
    }
}
