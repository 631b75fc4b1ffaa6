using ProcessManager.Actors.Plugins.Manifests;

namespace ProcessManager.Actors.Plugins.Host;

/// <summary>Host-internal: look at the plugin directories again (a file changed, or a reload asked for it).</summary>
internal sealed record Rescan
{
    public static Rescan Instance { get; } = new();
}

/// <summary>Host-internal: what a scan found.</summary>
internal sealed record ScanCompleted(IReadOnlyList<DiscoveredPlugin> Found, Exception? Error);

/// <summary>Host-internal: a manifest read for <see cref="Messages.ReloadPlugin"/>.</summary>
internal sealed record ReloadRead(string Name, DiscoveredPlugin Found, Akka.Actor.IActorRef ReplyTo);

/// <summary>Host-internal: the directory watchers are in place.</summary>
internal sealed record WatchersStarted(IReadOnlyList<FileSystemWatcher> Watchers, IReadOnlyList<string> Problems);

/// <summary>Host-internal: a file changed under a plugin directory (debounced into a <see cref="Rescan"/>).</summary>
internal sealed record PluginFilesChanged
{
    public static PluginFilesChanged Instance { get; } = new();
}
