using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Os.Watching;
using ProcessManager.Actors.Plugins.History;
using ProcessManager.Actors.Plugins.Manifests;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Actors.Plugins.Pool;

namespace ProcessManager.Actors.Plugins.Host;

/// <summary>
/// /user/plugins: finds plugins in pbm.plugins.directories, runs one <see cref="PluginActor"/> per manifest, routes
/// <see cref="InvokePlugin"/> and the queries to them, and follows the directories with inotify (debounced; a manifest
/// closed after writing or moved in is read at once): a new folder starts a plugin, a changed manifest or file reloads it (old workers drain, queue kept),
/// a removed folder retires it (accepted requests finish first). A manifest with errors is reported with file:line
/// and skipped; if its plugin was running, the running version stays. Scans run on the thread pool, one at a time.
/// </summary>
public sealed class PluginHost : ReceiveActor
{
    /// <summary>Its name under /user.</summary>
    public const string ActorName = "plugins";


    private readonly PluginHostSettings _settings;
    private readonly IActorRef? _history;
    private readonly ILoggingAdapter _logger = Context.GetLogger();

    /// <summary>Touched only by the scan task; scans never overlap (<see cref="_scanning"/>).</summary>
    private readonly ManifestCache _cache;

    private readonly Dictionary<string, (IActorRef Actor, DiscoveredPlugin Found)> _plugins = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _removing = [];
    private List<ManifestProblem> _problems = [];
    private Task<WatchersStarted>? _watcherStarting;
    private long _changes;
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
        Receive<PluginFilesChanged>(_ => Debounce());
        // A manifest complete on disk is read now; the debounced rescan that its batch also asks for comes later.
        Receive<ManifestWritten>(_ => StartScan());
        Receive<WatchProblem>(problem => _logger.Warning("plugins: {0}", problem.Message));
        Receive<Rescan>(rescan =>
        {
            if (rescan.Change == _changes)
            {
                StartScan();
            }
        });
        Receive<ScanCompleted>(OnScanCompleted);
        Receive<WatchersStarted>(started =>
        {
            foreach (var problem in started.Problems)
            {
                _logger.Warning("plugins: {0}", problem);
            }
        });
        Receive<PluginReloaded>(_ => { });
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
    }

    public static Props Props(PluginHostSettings settings, IActorRef? history = null) =>
        Akka.Actor.Props.Create(() => new PluginHost(settings, history));

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    protected override void PreStart()
    {
        var self = Self;
        var settings = _settings;
        _watcherStarting = Task.Run(() => StartWatchers(settings, self));
        _watcherStarting.PipeTo(self);
        StartScan();
    }

    protected override void PostStop()
    {
        // The watcher may still be being built: dispose of it when it is.
        _watcherStarting?.ContinueWith(
            static task =>
            {
                if (task.IsCompletedSuccessfully)
                {
                    task.Result.Watcher?.Dispose();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static WatchersStarted StartWatchers(PluginHostSettings settings, IActorRef self)
    {
        var problems = new List<string>();
        var roots = new List<string>();
        foreach (var directory in settings.Directories)
        {
            try
            {
                if (!Directory.Exists(directory) && OperatingSystem.IsLinux())
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                roots.Add(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                problems.Add($"cannot watch {directory}: {e.Message}; changes there are seen on `pbm plugin reload` only");
            }
        }
        if (roots.Count == 0)
        {
            return new WatchersStarted(null, problems);
        }
        var manifestFile = settings.ManifestFileName;
        try
        {
            // Python's byte-code cache is written by the worker itself: it is no change of the plugin.
            var watcher = new DirectoryWatcher(
                roots,
                new WatchIgnore(["__pycache__"]),
                settings.WatchMaxDirectories,
                (_, _) =>
                {
                    LatencyTrace.Mark(LatencyStage.PluginFilesChanged, -1);
                    self.Tell(PluginFilesChanged.Instance);
                },
                problem => self.Tell(new WatchProblem(problem)),
                file =>
                {
                    if (Path.GetFileName(file) == manifestFile)
                    {
                        self.Tell(ManifestWritten.Instance);
                    }
                });
            return new WatchersStarted(watcher, problems);
        }
        catch (IOException e)
        {
            problems.Add($"cannot watch {string.Join(", ", roots)}: {e.Message}; changes there are seen on `pbm plugin reload` only");
            return new WatchersStarted(null, problems);
        }
    }

    /// <summary>
    /// Trailing-edge debounce on a .NET timer rather than an Akka timer: the scheduler ticks every 100 ms (an idle
    /// daemon's CPU), which would add up to a tick to every manifest change.
    /// </summary>
    private void Debounce()
    {
        var change = ++_changes;
        Task.Delay(_settings.WatchDebounce).ContinueWith(_ => new Rescan(change), TaskScheduler.Default).PipeTo(Self);
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
        Task.Run(() =>
            {
                LatencyTrace.Mark(LatencyStage.PluginScanStarted, -1);
                return new ScanCompleted(PluginDiscovery.Scan(settings, cache), null);
            })
            .PipeTo(Self, failure: e => new ScanCompleted([], e));
    }

    private void OnScanCompleted(ScanCompleted scan)
    {
        LatencyTrace.Mark(LatencyStage.PluginScanApplied, -1);
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
