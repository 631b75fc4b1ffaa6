using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Contracts.Client;

/// <summary>The daemon's API as seen by pbm; the seam that command tests replace with a fake.</summary>
public interface IPbmApiClient
{
    /// <summary>The endpoint calls go to.</summary>
    PbmEndpoint Endpoint { get; }

    /// <summary><c>GET /v1/daemon</c>.</summary>
    Task<DaemonStatus> GetDaemonStatusAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/daemon/stop</c>: coordinated shutdown.</summary>
    Task StopDaemonAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/daemon/restart</c>: restart in place (same pid), programs handed over without stopping.</summary>
    Task RestartDaemonAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/daemon/token/rotate</c>.</summary>
    Task<TokenRotation> RotateTokenAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/processes</c>.</summary>
    Task<IReadOnlyList<ProcessStatus>> ListProcessesAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/processes/{name}</c>.</summary>
    Task<ProcessDescription> DescribeProcessAsync(string name, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/processes/{name}?show-secrets=true</c>: environment values and secret-looking arguments unredacted.</summary>
    Task<ProcessDescription> DescribeProcessAsync(string name, bool showSecrets, CancellationToken cancellationToken = default) =>
        DescribeProcessAsync(name, cancellationToken);

    /// <summary><c>GET /v1/processes/{name}?lines=N</c>: with the last <paramref name="lines"/> lines of output (0 = none).</summary>
    Task<ProcessDescription> DescribeProcessAsync(string name, bool showSecrets, int lines, CancellationToken cancellationToken = default) =>
        DescribeProcessAsync(name, showSecrets, cancellationToken);

    /// <summary><c>POST /v1/processes</c>.</summary>
    Task<ProcessStatus> StartProcessAsync(StartProcessRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/processes/{name}/stop</c>.</summary>
    Task<ProcessStatus> StopProcessAsync(string name, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/processes/{name}/restart</c>.</summary>
    Task<ProcessStatus> RestartProcessAsync(string name, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /v1/processes/{name}</c>.</summary>
    Task DeleteProcessAsync(string name, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/processes/{name}/scale</c>.</summary>
    Task<ProcessStatus> ScaleProcessAsync(string name, int instances, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/processes/bulk</c>: one action on many processes, in parallel, one result each.</summary>
    Task<BulkProcessResult> BulkAsync(BulkProcessRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not support bulk commands");

    /// <summary><c>POST /v1/start-file</c>: declares and starts one app of a file, leaving the others alone.</summary>
    Task<ProcessStatus> StartFileAsync(StartFileRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not support starting a file's app");

    /// <summary><c>POST /v1/processes/{name}/signal</c>: a signal to the running programs of an app or one instance.</summary>
    Task<SignalResult> SignalProcessAsync(string name, string signal, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not support signals");

    /// <summary><c>POST /v1/apply</c>.</summary>
    Task<ApplyConfigResult> ApplyConfigAsync(ApplyConfigRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/processes/{name}/history</c>.</summary>
    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /v1/processes/{name}/history?since=T</c>: only entries at or after <paramref name="since"/>.
    /// The default filters the full history here, for clients that do not pass <c>since</c> to the daemon.
    /// </summary>
    async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string name, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        var all = await GetHistoryAsync(name, cancellationToken).ConfigureAwait(false);
        return since is { } from ? [.. all.Where(e => e.Timestamp >= from)] : all;
    }

    /// <summary><c>GET /v1/logs/{name}?lines=N</c>.</summary>
    Task<IReadOnlyList<LogLine>> TailLogAsync(string name, int lines, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/logs/{name}/follow</c>: newline-delimited JSON until cancelled.</summary>
    IAsyncEnumerable<LogLine> FollowLogAsync(string name, int lines, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/logs?name=A&amp;name=B&amp;lines=N</c>: the last lines of each (none: every process), merged by time.</summary>
    Task<IReadOnlyList<LogLine>> TailLogsAsync(IReadOnlyList<string> names, int lines, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not support several logs at once");

    /// <summary><c>GET /v1/logs-follow?name=A&amp;name=B</c>: several processes' output in one stream, until cancelled.</summary>
    IAsyncEnumerable<LogLine> FollowLogsAsync(IReadOnlyList<string> names, int lines, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not support several logs at once");

    /// <summary><c>POST /v1/logs/flush</c> or <c>/v1/logs/{name}/flush</c>.</summary>
    Task FlushLogsAsync(string? name, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/events</c>: newline-delimited JSON until cancelled.</summary>
    IAsyncEnumerable<ProcessEvent> EventsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/nodes</c>: the cluster's members (a daemon not in a cluster answers 400).</summary>
    Task<IReadOnlyList<NodeStatus>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not know the cluster API");

    /// <summary><c>POST /v1/nodes/{name}/leave</c>.</summary>
    Task LeaveNodeAsync(string name, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not know the cluster API");

    /// <summary><c>POST /v1/nodes/{name}/down</c>.</summary>
    Task DownNodeAsync(string name, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not know the cluster API");

    /// <summary><c>GET /v1/nodes/processes</c>: every node's processes.</summary>
    Task<IReadOnlyList<NodeProcesses>> ListProcessesOfAllNodesAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not know the cluster API");

    /// <summary><c>GET /v1/nodes/events</c>: every node's process events and the membership changes, until cancelled.</summary>
    IAsyncEnumerable<ProcessEvent> EventsOfAllNodesAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not know the cluster API");

    /// <summary><c>GET /v1/usb/devices</c>.</summary>
    Task<IReadOnlyList<UsbDeviceInfo>> ListUsbDevicesAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/usb/devices/{id}</c>.</summary>
    Task<UsbDeviceDetail> DescribeUsbDeviceAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/usb/history?limit=N[&amp;device=ID]</c>: oldest first.</summary>
    Task<IReadOnlyList<UsbDeviceEventInfo>> GetUsbHistoryAsync(int limit, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/usb/follow</c>: newline-delimited JSON until cancelled.</summary>
    IAsyncEnumerable<UsbDeviceEventInfo> FollowUsbAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/actors?depth=N</c>.</summary>
    Task<ActorNode> GetHierarchyAsync(int depth, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/stats/memory</c>.</summary>
    Task<MemoryStats> GetMemoryStatsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/stats/performance</c>.</summary>
    Task<PerformanceStats> GetPerformanceStatsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/palettes</c>.</summary>
    Task<IReadOnlyList<PaletteInfo>> ListPalettesAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/palettes/{palette}/{command}</c>.</summary>
    Task<PaletteResult> InvokePaletteAsync(string palette, string command, PaletteInvocation invocation, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/plugins</c>.</summary>
    Task<PluginListResult> ListPluginsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException("plugins");

    /// <summary><c>GET /v1/plugins/{name}</c>.</summary>
    Task<PluginDescription> DescribePluginAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException("plugins");

    /// <summary><c>POST /v1/plugins/{name}/invoke</c>.</summary>
    Task<PluginInvokeResult> InvokePluginAsync(string name, PluginInvokeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("plugins");

    /// <summary><c>POST /v1/plugins/{name}/reload</c>.</summary>
    Task<PluginReloadResult> ReloadPluginAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException("plugins");

    /// <summary><c>GET /v1/plugins/{name}/history</c> ("-" = every plugin), newest first.</summary>
    Task<IReadOnlyList<PluginHistoryEntry>> GetPluginHistoryAsync(string name, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException("plugins");
    /// <summary><c>POST /v1/dashboard/login-code</c>: a one-time login code for the dashboard.</summary>
    Task<DashboardLogin> CreateDashboardLoginAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not open the dashboard");

    /// <summary><c>GET /v1/metrics/history/{name}</c>: the bounded CPU/memory history of one program.</summary>
    Task<MetricsHistory> GetMetricsHistoryAsync(string name, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not read metrics history");

    /// <summary><c>GET /v1/metrics/live</c>: a snapshot of every instance per sample, newline-delimited JSON until cancelled.</summary>
    IAsyncEnumerable<MetricsSnapshot> MetricsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this client does not stream metrics");
}
