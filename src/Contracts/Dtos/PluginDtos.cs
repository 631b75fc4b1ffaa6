using System.Text.Json;

namespace ProcessManager.Contracts.Dtos;

/// <summary>One plugin in <c>GET /v1/plugins</c>: what its manifest says and its pool now.</summary>
public sealed record PluginSummary(
    string Name,
    string Version,
    string Directory,
    string State,
    int Generation,
    int Workers,
    int Busy,
    int Queued,
    long Invocations,
    long Failures);

/// <summary>A manifest that was skipped, with every error as file:line: field: message.</summary>
public sealed record PluginProblem(string Directory, IReadOnlyList<string> Errors);

/// <summary><c>GET /v1/plugins</c>.</summary>
public sealed record PluginListResult(IReadOnlyList<PluginSummary> Plugins, IReadOnlyList<PluginProblem> Problems);

/// <summary>One worker of a plugin.</summary>
public sealed record PluginWorkerInfo(int Pid, string State, int Jobs, int Generation);

/// <summary><c>GET /v1/plugins/{name}</c>.</summary>
public sealed record PluginDescription(
    PluginSummary Summary,
    IReadOnlyList<string> Command,
    string Manifest,
    int Protocol,
    int PoolMin,
    int PoolMax,
    int QueueCapacity,
    int MaxJobsPerWorker,
    double JobTimeoutSeconds,
    long? MemoryLimitBytes,
    IReadOnlyList<string> Subscriptions,
    IReadOnlyList<PluginWorkerInfo> WorkerList,
    long WorkersStarted,
    long WorkersRecycled,
    long WorkersFailed);

/// <summary><c>POST /v1/plugins/{name}/invoke</c>: the method and its params (any JSON).</summary>
public sealed record PluginInvokeRequest(string Method, JsonElement? Params);

/// <summary>The worker's answer.</summary>
public sealed record PluginInvokeResult(string Plugin, string Method, JsonElement Result, double DurationMs, int WorkerPid);

/// <summary><c>POST /v1/plugins/{name}/reload</c>.</summary>
public sealed record PluginReloadResult(string Name, string Version, int Generation);

/// <summary>One finished invocation in <c>GET /v1/plugins/{name}/history</c> (newest first); code "ok" or the failure's.</summary>
public sealed record PluginHistoryEntry(DateTimeOffset At, string Plugin, string Method, string Code, string Summary, double DurationMs, int WorkerPid);
