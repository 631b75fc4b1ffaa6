using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Plugins.History;
using ProcessManager.Actors.Plugins.Manifests;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Actors.Plugins.Pool;

namespace ProcessManager.Actors.Plugins.Host;

/// <summary>
/// /user/plugins: finds plugins in pbm.plugins.directories, runs one <see cref="PluginActor"/> per manifest, routes
/// <see cref="InvokePlugin"/> and the queries to them, and follows the directories with inotify (FileSystemWatcher,
/// debounced): a new folder starts a plugin, a changed manifest or file reloads it (old workers drain, queue kept),
/// a removed folder retires it (accepted requests finish first). A manifest with errors is reported with file:line
/// and skipped; if its plugin was running, the running version stays. Scans run on the thread pool, one at a time.
/// </summary>
public sealed class PluginHost : ReceiveActor, IWithTimers
{
    /// <summary>Its name under /user.</summary>
    public const string ActorName = "plugins";

    private const string DebounceTimer = "debounce";

    private readonly PluginHostSettings _settings;
    private readonly IActorRef? _history;
    private readonly ILoggingAdapter _logger = Context.GetLogger();

    /// <summary>Touched only by the scan task; scans never overlap (<see cref="_scanning"/>).</summary>
    private readonly ManifestCache _cache;

    private readonly Dictionary<string, (IActorRef Actor, DiscoveredPlugin Found)> _plugins = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _removing = [];
    private List<ManifestProblem> _problems = [];
    private IReadOnlyList<FileSystemWatcher> _watchers = [];
    private bool _scanning;
    private bool _rescanPending;

    public PluginHost(PluginHostSettings settings, IActorRef? history = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _history = history;
        _cache = new ManifestCache(settings.ManifestCacheSize);

        Receive<InvokePlugin>(invoke =>
        {
            if (_plugins.TryGetValue(invoke.Name, out var plugin))
            {
                plugin.Actor.Forward(invoke);
            }
            else
            {
                Sender.Tell(new PluginInvocationFailed(invoke.Name, invoke.Method, PluginFailureCodes.NotFound, NotFoundText(invoke.Name)));
            }
        });
        Receive<DescribePlugin>(describe =>
        {
            if (_plugins.TryGetValue(describe.Name, out var plugin))
            {
                plugin.Actor.Forward(describe);
            }
            else
            {
                Sender.Tell(new PluginNotFound(describe.Name));
            }
        });
        Receive<ListPlugins>(_ => List());
        Receive<GetPluginHistory>(query =>
        {
            if (_history is null)
            {
                Sender.Tell(new PluginHistory([]));
            }
            else
            {
                _history.Forward(query);
            }
        });
        Receive<ReloadPlugin>(Reload);
        Receive<ReloadRead>(OnReloadRead);
        Receive<PluginFilesChanged>(_ => Timers.StartSingleTimer(DebounceTimer, Rescan.Instance, _settings.WatchDebounce));
        Receive<Rescan>(_ => StartScan());
        Receive<ScanCompleted>(OnScanCompleted);
        Receive<WatchersStarted>(started =>
        {
            _watchers = started.Watchers;
            foreach (var problem in started.Problems)
            {
                _logger.Warning("plugins: {0}", problem);
            }
        });
        Receive<PluginReloaded>(_ => { });
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PluginHostSettings settings, IActorRef? history = null) =>
        Akka.Actor.Props.Create(() => new PluginHost(settings, history));

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    protected override void PreStart()
    {
        var self = Self;
        var directories = _settings.Directories;
        Task.Run(() => StartWatchers(directories, self)).PipeTo(self);
        StartScan();
    }

    protected override void PostStop()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private static WatchersStarted StartWatchers(IReadOnlyList<string> directories, IActorRef self)
    {
        var watchers = new List<FileSystemWatcher>();
        var problems = new List<string>();
        foreach (var directory in directories)
        {
            try
            {
                if (!Directory.Exists(directory) && OperatingSystem.IsLinux())
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                var watcher = new FileSystemWatcher(directory)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                FileSystemEventHandler changed = (_, _) => self.Tell(PluginFilesChanged.Instance);
                watcher.Changed += changed;
                watcher.Created += changed;
                watcher.Deleted += changed;
                watcher.Renamed += (_, _) => self.Tell(PluginFilesChanged.Instance);
                // Too many events at once (the inotify queue overflowed): a rescan sees everything anyway.
                watcher.Error += (_, _) => self.Tell(PluginFilesChanged.Instance);
                watcher.EnableRaisingEvents = true;
                watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                problems.Add($"cannot watch {directory}: {e.Message}; changes there are seen on `pbm plugin reload` only");
            }
        }
        return new WatchersStarted(watchers, problems);
    }

    private void StartScan()
    {
        if (_scanning)
        {
            _rescanPending = true;
            return;
        }
        _scanning = true;
        _rescanPending = false;
        var settings = _settings;
        var cache = _cache;
        Task.Run(() => new ScanCompleted(PluginDiscovery.Scan(settings, cache), null))
            .PipeTo(Self, failure: e => new ScanCompleted([], e));
    }

    private void OnScanCompleted(ScanCompleted scan)
    {
        _scanning = false;
        if (scan.Error is not null)
        {
            _logger.Error(scan.Error, "plugins: scanning {0} failed", string.Join(", ", _settings.Directories));
        }
        else
        {
            Apply(scan.Found);
        }
        if (_rescanPending)
        {
            StartScan();
        }
    }

    private void Apply(IReadOnlyList<DiscoveredPlugin> found)
    {
        var problems = new List<ManifestProblem>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plugin in found)
        {
            if (plugin.Manifest is not { } manifest)
            {
                problems.Add(new ManifestProblem(plugin.Directory, plugin.Errors));
                continue;
            }
            if (seen.TryGetValue(manifest.Name, out var first))
            {
                problems.Add(new ManifestProblem(plugin.Directory, [$"{manifest.ManifestPath}: name: '{manifest.Name}' is already the plugin in {first}"]));
                continue;
            }
            seen[manifest.Name] = plugin.Directory;
            if (_plugins.TryGetValue(manifest.Name, out var running))
            {
                if (running.Found.Fingerprint != plugin.Fingerprint)
                {
                    _logger.Info("plugin {0}: {1} changed, reloading", manifest.Name, plugin.Directory);
                    running.Actor.Tell(new ReplaceManifest(manifest));
                    _plugins[manifest.Name] = (running.Actor, plugin);
                }
            }
            else if (_removing.ContainsValue(manifest.Name))
            {
                // The old one still drains under this name; it is started when that one has stopped.
                _rescanPending = true;
            }
            else
            {
                var actor = Context.ActorOf(PluginActor.Props(manifest, _settings, _history), manifest.Name);
                Context.Watch(actor);
                _plugins[manifest.Name] = (actor, plugin);
                _logger.Info("plugin {0} {1} loaded from {2}", manifest.Name, manifest.Version, plugin.Directory);
            }
        }
        foreach (var (name, running) in _plugins.ToList())
        {
            if (seen.ContainsKey(name))
            {
                continue;
            }
            if (problems.Any(p => p.Directory == running.Found.Directory))
            {
                _logger.Warning("plugin {0}: its manifest has errors now; the running version stays", name);
                continue;
            }
            _logger.Info("plugin {0}: {1} is gone, stopping it", name, running.Found.Directory);
            running.Actor.Tell(RetirePlugin.Instance);
            _removing[running.Actor] = name;
            _plugins.Remove(name);
        }
        foreach (var problem in problems.Where(p => !_problems.Contains(p, ProblemComparer.Instance)))
        {
            _logger.Warning("plugin manifest skipped: {0}", string.Join("; ", problem.Errors));
        }
        _problems = problems;
    }

    private void Reload(ReloadPlugin reload)
    {
        if (!_plugins.TryGetValue(reload.Name, out var plugin))
        {
            Sender.Tell(new PluginNotFound(reload.Name));
            return;
        }
        var folder = plugin.Found.Directory;
        var settings = _settings;
        var replyTo = Sender;
        var name = reload.Name;
        Task.Run(() => new ReloadRead(name, PluginDiscovery.ReadFolder(folder, settings), replyTo)).PipeTo(Self);
    }

    private void OnReloadRead(ReloadRead read)
    {
        if (!_plugins.TryGetValue(read.Name, out var plugin))
        {
            read.ReplyTo.Tell(new PluginNotFound(read.Name));
            return;
        }
        if (read.Found.Manifest is not { } manifest)
        {
            read.ReplyTo.Tell(new PluginReloadFailed(read.Name, read.Found.Errors));
            return;
        }
        if (manifest.Name != read.Name)
        {
            read.ReplyTo.Tell(new PluginReloadFailed(read.Name, [$"{manifest.ManifestPath}: name: the manifest now names '{manifest.Name}'; a rename is a removal and an addition (wait for the rescan)"]));
            return;
        }
        _plugins[read.Name] = (plugin.Actor, read.Found);
        plugin.Actor.Tell(new ReplaceManifest(manifest), read.ReplyTo);
    }

    private void List()
    {
        var timeout = TimeSpan.FromSeconds(5);
        var problems = _problems.ToList();
        var asks = _plugins.Values.Select(p => p.Actor.Ask<PluginStatus>(new DescribePlugin(p.Found.Manifest!.Name), timeout)).ToList();
        Task.WhenAll(asks).PipeTo(
            Sender,
            success: statuses => new PluginList([.. statuses.OrderBy(s => s.Manifest.Name, StringComparer.Ordinal)], problems),
            failure: _ => new PluginList([.. asks.Where(a => a.IsCompletedSuccessfully).Select(a => a.Result)], problems));
    }

    private void OnTerminated(IActorRef actor)
    {
        if (_removing.Remove(actor, out var removed))
        {
            _logger.Info("plugin {0} stopped", removed);
        }
        else
        {
            foreach (var (name, plugin) in _plugins.ToList())
            {
                if (plugin.Actor.Equals(actor))
                {
                    _plugins.Remove(name);
                    _rescanPending = true;
                }
            }
        }
        if (_rescanPending)
        {
            StartScan();
        }
    }

    private string NotFoundText(string name) => _plugins.Count == 0
        ? $"no plugin '{name}': no plugin is loaded (pbm.plugins.directories: {string.Join(", ", _settings.Directories)})"
        : $"no plugin '{name}' (loaded: {string.Join(", ", _plugins.Keys.Order(StringComparer.Ordinal))})";

    private sealed class ProblemComparer : IEqualityComparer<ManifestProblem>
    {
        public static ProblemComparer Instance { get; } = new();

        public bool Equals(ManifestProblem? x, ManifestProblem? y) =>
            x is not null && y is not null && x.Directory == y.Directory && x.Errors.SequenceEqual(y.Errors);

        public int GetHashCode(ManifestProblem obj) => obj.Directory.GetHashCode(StringComparison.Ordinal);
    }
}
