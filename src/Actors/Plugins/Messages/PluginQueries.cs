using ProcessManager.Actors.Plugins.Manifests;

namespace ProcessManager.Actors.Plugins.Messages;

/// <summary>Reply: <see cref="PluginList"/>.</summary>
public sealed record ListPlugins
{
    public static ListPlugins Instance { get; } = new();
}

/// <summary>The plugins running, and the manifests that could not be loaded.</summary>
public sealed record PluginList(IReadOnlyList<PluginStatus> Plugins, IReadOnlyList<ManifestProblem> Problems);

/// <summary>A manifest that was skipped (its running version, if any, is kept).</summary>
public sealed record ManifestProblem(string Directory, IReadOnlyList<string> Errors);

/// <summary>Reply: <see cref="PluginStatus"/> or <see cref="PluginNotFound"/>.</summary>
public sealed record DescribePlugin(string Name);

/// <summary>Re-reads the plugin's manifest and replaces its pool (queued requests are kept). Reply: <see cref="PluginReloaded"/>, <see cref="PluginNotFound"/> or <see cref="PluginReloadFailed"/>.</summary>
public sealed record ReloadPlugin(string Name);

public sealed record PluginReloaded(string Name, string Version, int Generation);

public sealed record PluginReloadFailed(string Name, IReadOnlyList<string> Errors);

public sealed record PluginNotFound(string Name);

/// <summary>One plugin: its manifest and its pool now.</summary>
public sealed record PluginStatus(
    PluginManifest Manifest,
    int Generation,
    IReadOnlyList<WorkerStatus> Workers,
    int Queued,
    long Invocations,
    long Failures,
    long WorkersStarted,
    long WorkersRecycled,
    long WorkersFailed,
    string State);

/// <summary>One worker: pid (0 before it started), starting | idle | busy | retiring, requests served.</summary>
public sealed record WorkerStatus(int Pid, string State, int Jobs, int Generation);
