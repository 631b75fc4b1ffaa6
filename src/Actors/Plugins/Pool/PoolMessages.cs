using ProcessManager.Actors.Plugins.Manifests;

namespace ProcessManager.Actors.Plugins.Pool;

/// <summary>Host -> plugin: a new manifest (or the same one, reloaded): drain the old workers, start new ones, keep the queue.</summary>
internal sealed record ReplaceManifest(PluginManifest Manifest);

/// <summary>Host -> plugin: the plugin was removed: take no new requests, finish the accepted ones, then stop.</summary>
internal sealed record RetirePlugin
{
    public static RetirePlugin Instance { get; } = new();
}

/// <summary>Plugin-internal: a backoff delay ended, start workers up to min again.</summary>
internal sealed record Replenish
{
    public static Replenish Instance { get; } = new();
}
