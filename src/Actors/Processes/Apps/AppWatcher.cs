using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Os.Watching;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

/// <summary>
/// /user/processes/web/watch~N: follows the files of an app with <c>watch</c> set and tells its app actor
/// (<see cref="WatchRestartDue"/>) once no file changed for <c>watch-debounce</c>. The inotify descriptor is read by
/// the shared watch loop, which only Tells this actor; the tree is walked off the mailbox. Replaced by its app when
/// the spec's watch settings change, stopped with the app.
/// </summary>
internal sealed class AppWatcher : ReceiveActor, IWithTimers
{
    private const string DebounceTimer = "debounce";

    private readonly ProcessSpec _spec;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>The watcher being built off the mailbox; disposed with this actor whether or not it was reported yet.</summary>
    private Task<DirectoryWatcher>? _starting;

    /// <summary>First changed path since the last report, and how many changes.</summary>
    private string? _firstChange;
    private int _changes;

    public AppWatcher(ProcessSpec spec)
    {
        _spec = spec;
        Receive<WatcherStarted>(started => _log.Info("{0}: watching {1} folders and files for changes", _spec.Name, started.Count));
        Receive<WatcherFailed>(failed => _log.Warning("{0}: cannot watch its files: {1}", _spec.Name, failed.Reason));
        Receive<WatchProblem>(problem => _log.Warning("{0}: {1}", _spec.Name, problem.Message));
        Receive<FilesChanged>(OnChanged);
        Receive<Debounced>(_ => OnDebounced());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ProcessSpec spec) => Akka.Actor.Props.Create(() => new AppWatcher(spec));

    /// <summary>The folders and files to watch: watch's paths against the app's folder, or the folder itself; null when the app has no folder.</summary>
    public static IReadOnlyList<string>? Roots(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var folder = spec.WorkingDirectory is { } cwd && Path.IsPathRooted(cwd) ? cwd : null;
        var paths = spec.Watch ?? [];
        if (paths.Count == 0)
        {
            return folder is null ? null : [folder];
        }

        // Relative paths need the app's folder; the daemon's own directory (its home: journal, logs) is never watched.
        return paths.All(Path.IsPathRooted) || folder is not null
            ? [.. paths.Select(path => Path.GetFullPath(path, folder ?? "/"))]
            : null;
    }

    protected override void PreStart()
    {
        if (Roots(_spec) is not { } roots)
        {
            _log.Warning("{0}: watch needs the app's folder (apply its file, or set cwd) or absolute paths; nothing is watched", _spec.Name);
            return;
        }

        var self = Self;
        var ignore = new WatchIgnore(_spec.WatchIgnore);
        var max = _spec.WatchMaxDirectories;
        _starting = Task.Run(() => new DirectoryWatcher(
            roots,
            ignore,
            max,
            (path, count) => self.Tell(new FilesChanged(path, count)),
            message => self.Tell(new WatchProblem(message))));
        _starting.PipeTo(Self, Self, watcher => new WatcherStarted(watcher.Count), error => new WatcherFailed(error.Message));
    }

    protected override void PostStop()
    {
        _starting?.ContinueWith(
            static task =>
            {
                if (task.IsCompletedSuccessfully)
                {
                    task.Result.Dispose();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnChanged(FilesChanged changed)
    {
        _firstChange ??= changed.Path;
        _changes += changed.Count;

        // Trailing debounce: each change pushes the restart back, so a build that writes many files restarts once.
        Timers.StartSingleTimer(DebounceTimer, Debounced.Instance, _spec.WatchDebounce);
    }

    private void OnDebounced()
    {
        if (_firstChange is not { } first)
        {
            return;
        }

        Context.Parent.Tell(new WatchRestartDue(first, _changes));
        (_firstChange, _changes) = (null, 0);
    }

    private sealed record FilesChanged(string Path, int Count);

    private sealed record WatchProblem(string Message);

    private sealed record WatcherStarted(int Count);

    private sealed record WatcherFailed(string Reason);

    private sealed record Debounced
    {
        public static Debounced Instance { get; } = new();
    }
}

/// <summary>Watcher → app: files changed and stayed quiet for watch-debounce; restart (if the app should run).</summary>
internal sealed record WatchRestartDue(string FirstPath, int Changes)
{
    /// <summary>The reason the restart carries into events and the journal.</summary>
    public string Reason => Changes > 1 ? $"watch: {FirstPath} changed (and {Changes - 1} more)" : $"watch: {FirstPath} changed";
}
