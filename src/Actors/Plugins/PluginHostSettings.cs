using ProcessManager.Plugins.Sdk;

namespace ProcessManager.Actors.Plugins;

/// <summary>Daemon-wide settings of the plugin host (pbm.plugins in reference.conf). Defaults in brackets.</summary>
public sealed record PluginHostSettings
{
    public static PluginHostSettings Default { get; } = new();

    /// <summary>Folders searched for plugins: each sub-folder holding <see cref="ManifestFileName"/> is one plugin [none].</summary>
    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>The manifest's file name inside a plugin folder [plugin.conf].</summary>
    public string ManifestFileName { get; init; } = "plugin.conf";

    /// <summary>Parsed manifests kept by checksum, so an unchanged file is not parsed again on a rescan [64].</summary>
    public int ManifestCacheSize { get; init; } = 64;

    /// <summary>
    /// Quiet time after the last file change in a plugin folder before it is rescanned [300ms]. A manifest closed after
    /// writing or moved in is read at once (a new plugin starts without this wait); the rescan after quiet follows.
    /// </summary>
    public TimeSpan WatchDebounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>inotify watches (one per folder) the plugin directories may use; deeper folders are not watched [1000].</summary>
    public int WatchMaxDirectories { get; init; } = 1000;

    /// <summary>Largest frame read from a worker; a larger announced length kills the worker [16 MiB].</summary>
    public int MaxFrameBytes { get; init; } = PluginProtocol.DefaultMaxFrameBytes;

    /// <summary>A manifest's command may name an absolute path outside its folder [false].</summary>
    public bool AllowAbsoluteCommands { get; init; }

    /// <summary>Daemon environment variables a worker inherits (nothing else: the daemon's secrets stay in it).</summary>
    public IReadOnlyList<string> InheritEnvironment { get; init; } = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "DOTNET_ROOT"];

    /// <summary>Where the workers' stderr goes: NAME-0.err.log per plugin [$PBM_HOME/logs/plugins].</summary>
    public string LogDirectory { get; init; } = Path.Combine(Os.Logs.ProcessLog.DefaultDirectory, "plugins");

    /// <summary>A worker that has not answered hello within this is killed [10s].</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A retired worker gets end of file on stdin, then SIGTERM, then SIGKILL after this [5s].</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay before a crashed worker is replaced; doubled per consecutive failure [200ms].</summary>
    public TimeSpan RestartBackoffMin { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay before a crashed worker is replaced [30s].</summary>
    public TimeSpan RestartBackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on any manifest's pool.max [64].</summary>
    public int MaxWorkersPerPlugin { get; init; } = 64;

    /// <summary>Upper bound on any manifest's pool.queue [100000].</summary>
    public int MaxQueuePerPlugin { get; init; } = 100_000;

    /// <summary>Invocation results kept in the journal's history (newest) [1000].</summary>
    public int HistorySize { get; init; } = 1000;

    /// <summary>The history journal saves a snapshot (and deletes the events it covers) every this many records [200].</summary>
    public int HistorySnapshotEvery { get; init; } = 200;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(ManifestCacheSize >= 1, "manifest-cache-size", "must be at least 1");
        Require(!string.IsNullOrWhiteSpace(ManifestFileName) && !ManifestFileName.Contains('/', StringComparison.Ordinal), "manifest-file", "must be a file name");
        Require(WatchMaxDirectories is >= 1 and <= 100_000, "watch-max-directories", "must be 1-100000");
        Require(MaxFrameBytes is >= 1024, "max-frame-size", "must be at least 1KiB");
        Require(WatchDebounce >= TimeSpan.Zero, "watch-debounce", "must not be negative");
        Require(StartTimeout > TimeSpan.Zero, "start-timeout", "must be positive");
        Require(StopTimeout >= TimeSpan.Zero, "stop-timeout", "must not be negative");
        Require(RestartBackoffMin > TimeSpan.Zero && RestartBackoffMax >= RestartBackoffMin, "restart-backoff", "min must be positive and max at least min");
        Require(MaxWorkersPerPlugin >= 1, "max-workers-per-plugin", "must be at least 1");
        Require(MaxQueuePerPlugin >= 1, "max-queue-per-plugin", "must be at least 1");
        Require(HistorySize >= 1, "history.size", "must be at least 1");
        Require(HistorySnapshotEvery >= 1, "history.snapshot-every", "must be at least 1");
    }

    private static void Require(bool condition, string field, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"pbm.plugins.{field}: {rule}", field);
        }
    }
}
