namespace ProcessManager.Actors.Plugins.Manifests;

/// <summary>A plugin as its manifest describes it, checked and with its command resolved against its folder.</summary>
/// <param name="Name">The plugin's name: /user/plugins/NAME, the API's and pbm's handle.</param>
/// <param name="Version">Free text shown by list/describe.</param>
/// <param name="Protocol">The worker protocol version the worker speaks (hello must answer it).</param>
/// <param name="Command">argv; argv[0] resolved (inside the folder, or a bare name looked up in PATH).</param>
/// <param name="Directory">The plugin's folder: the workers' working directory.</param>
/// <param name="ManifestPath">The manifest file.</param>
/// <param name="Pool">Workers and queue.</param>
/// <param name="MaxJobsPerWorker">A worker is recycled after this many requests.</param>
/// <param name="JobTimeout">A request not answered within this kills its worker and fails.</param>
/// <param name="MemoryLimit">A worker whose RSS exceeds this after a request is recycled; null = no limit.</param>
/// <param name="Environment">Variables added to the inherited ones.</param>
/// <param name="Subscriptions">Which events the plugin wants.</param>
/// <param name="Checksum">SHA-256 of the manifest's bytes (hex).</param>
public sealed record PluginManifest(
    string Name,
    string Version,
    int Protocol,
    IReadOnlyList<string> Command,
    string Directory,
    string ManifestPath,
    PoolSpec Pool,
    int MaxJobsPerWorker,
    TimeSpan JobTimeout,
    long? MemoryLimit,
    IReadOnlyDictionary<string, string> Environment,
    PluginSubscriptions Subscriptions,
    string Checksum);
