using ProcessManager.Actors.Plugins.Manifests;

namespace ProcessManager.Actors.Plugins.Host;

/// <summary>Host-internal: the quiet time after change number <paramref name="Change"/> has passed; rescan if no change came since.</summary>
internal sealed record Rescan(long Change);

/// <summary>Host-internal: what a scan found.</summary>
internal sealed record ScanCompleted(IReadOnlyList<DiscoveredPlugin> Found, Exception? Error);

/// <summary>Host-internal: a manifest read for <see cref="Messages.ReloadPlugin"/>.</summary>
internal sealed record ReloadRead(string Name, DiscoveredPlugin Found, Akka.Actor.IActorRef ReplyTo);

/// <summary>Host-internal: the directory watcher is in place (null when none could be).</summary>
internal sealed record WatchersStarted(Os.Watching.DirectoryWatcher? Watcher, IReadOnlyList<string> Problems);

/// <summary>Host-internal: what the watcher could not watch (the watch bound reached, a folder gone).</summary>
internal sealed record WatchProblem(string Message);

/// <summary>Host-internal: a manifest was closed after writing or moved in: complete, so it is read without waiting for quiet.</summary>
internal sealed record ManifestWritten
{
    public static ManifestWritten Instance { get; } = new();
}

/// <summary>Host-internal: a file changed under a plugin directory (debounced into a <see cref="Rescan"/>).</summary>
internal sealed record PluginFilesChanged
{
    public static PluginFilesChanged Instance { get; } = new();
}
