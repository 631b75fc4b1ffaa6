using System.Runtime.CompilerServices;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests;

/// <summary>An in-memory daemon for command tests; <see cref="Failure"/> makes every call throw it.</summary>
internal sealed class FakeApiClient : IPbmApiClient
{
    public List<ProcessStatus> Processes { get; } = [];

    public List<string> Calls { get; } = [];

    public Exception? Failure { get; set; }

    public StartProcessRequest? LastStart { get; private set; }

    public ApplyConfigRequest? LastApply { get; private set; }

    public PaletteInvocation? LastInvocation { get; private set; }

    public BulkProcessRequest? LastBulk { get; private set; }

    public StartFileRequest? LastStartFile { get; private set; }

    public int? LastDescribeLines { get; private set; }

    /// <summary>The status a start answers with (a test sets "errored").</summary>
    public string StartedStatus { get; set; } = "running";

    /// <summary>What a bulk call answers; by default every target as a stopped process.</summary>
    public Func<BulkProcessRequest, BulkProcessResult>? BulkAnswer { get; set; }

    public List<PaletteInfo> Palettes { get; } = [];

    public PbmEndpoint Endpoint { get; } = PbmEndpoint.Unix("/tmp/fake.sock");

    /// <summary>What the fake daemon answers to a dashboard login request (its TCP URL, or none when TCP is off).</summary>
    public string? DashboardUrl { get; set; } = "http://127.0.0.1:7300/dashboard/login#code=abc";

    public Task<DashboardLogin> CreateDashboardLoginAsync(CancellationToken cancellationToken = default) =>
        Answer("dashboard-login", new DashboardLogin("abc", DateTimeOffset.UnixEpoch, DashboardUrl));

    public Task<DaemonStatus> GetDaemonStatusAsync(CancellationToken cancellationToken = default) =>
        Answer("status", new DaemonStatus(1234, "1.0.0", "/tmp/home", "/tmp/fake.sock", null, 61, Processes.Count));

    public Task StopDaemonAsync(CancellationToken cancellationToken = default) => Answer("stop-daemon", 0);

    public Task RestartDaemonAsync(CancellationToken cancellationToken = default) => Answer("restart-daemon", 0);

    public Task<TokenRotation> RotateTokenAsync(CancellationToken cancellationToken = default) =>
        Answer("rotate", new TokenRotation("/tmp/home/api.token", DateTimeOffset.UnixEpoch));

    public Task<IReadOnlyList<ProcessStatus>> ListProcessesAsync(CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<ProcessStatus>>("list", Processes.ToList());

    public Task<ProcessDescription> DescribeProcessAsync(string name, CancellationToken cancellationToken = default) =>
        Answer("describe " + name, new ProcessDescription(Find(name), ["sleep", "10"], "/srv", "always", 1, new Dictionary<string, string> { ["stop-signal"] = "SIGTERM" }));

    public Task<ProcessDescription> DescribeProcessAsync(string name, bool showSecrets, CancellationToken cancellationToken = default) =>
        showSecrets
            ? Answer("describe " + name + " --show-secrets", new ProcessDescription(Find(name), ["sleep", "10"], "/srv", "always", 1, new Dictionary<string, string> { ["env.TOKEN"] = "t" }))
            : DescribeProcessAsync(name, cancellationToken);

    public Task<ProcessStatus> StartProcessAsync(StartProcessRequest request, CancellationToken cancellationToken = default)
    {
        LastStart = request;
        var status = new ProcessStatus(request.Name, StartedStatus, StartedStatus == "running" ? 100 : null, 0, 0, null, null);
        Processes.Add(status);
        return Answer("start " + request.Name, status);
    }

    public async Task<ProcessDescription> DescribeProcessAsync(string name, bool showSecrets, int lines, CancellationToken cancellationToken = default)
    {
        LastDescribeLines = lines;
        var description = await DescribeProcessAsync(name, showSecrets, cancellationToken);
        return description with
        {
            LastExit = new Dictionary<string, string> { [name + "-0"] = "killed by SIGKILL, stopped by pbm: memory-limit: rss 900 bytes > limit 100 bytes" },
            LastLines = [.. Enumerable.Range(1, lines).Select(i => new LogLine(DateTimeOffset.UnixEpoch, name + "-0", "stdout", "line-" + i))],
        };
    }

    public Task<SignalResult> SignalProcessAsync(string name, string signal, CancellationToken cancellationToken = default) =>
        Answer($"signal {name} {signal}", new SignalResult(name, "SIGHUP", Processes.Where(p => p.Name == name && p.Pid is not null).Select(p => new SignalledProgram(name + "-0", p.Pid!.Value)).ToList()));

    public Task<ProcessStatus> StartFileAsync(StartFileRequest request, CancellationToken cancellationToken = default)
    {
        LastStartFile = request;
        return Answer("start-file " + request.FileName, new ProcessStatus(request.App ?? "only", "running", 100, 0, 0, null, null));
    }

    public Task<ProcessStatus> StopProcessAsync(string name, CancellationToken cancellationToken = default) =>
        Answer("stop " + name, Find(name) with { Status = "stopped", Pid = null });

    public Task<ProcessStatus> RestartProcessAsync(string name, CancellationToken cancellationToken = default) =>
        Answer("restart " + name, Find(name));

    public Task DeleteProcessAsync(string name, CancellationToken cancellationToken = default) => Answer("delete " + name, Find(name));

    public Task<ProcessStatus> ScaleProcessAsync(string name, int instances, CancellationToken cancellationToken = default) =>
        Answer($"scale {name} {instances}", Find(name));

    public Task<BulkProcessResult> BulkAsync(BulkProcessRequest request, CancellationToken cancellationToken = default)
    {
        LastBulk = request;
        var answer = BulkAnswer?.Invoke(request)
            ?? new BulkProcessResult([.. request.Targets.Select(t => new BulkItemResult(t, true, new ProcessStatus(t, "stopped", null, 0, null, null, null), null))]);
        return Answer($"bulk {request.Action} {string.Join(' ', request.Targets)}", answer);
    }

    public Task<ApplyConfigResult> ApplyConfigAsync(ApplyConfigRequest request, CancellationToken cancellationToken = default)
    {
        LastApply = request;
        return Answer("apply", new ApplyConfigResult(["api"], ["web"], ["old"], ["db", "cache"]));
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string name, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<HistoryEntry>>("history " + name, [new HistoryEntry(1, DateTimeOffset.UnixEpoch, "started", "pid 100")]);

    public Task<IReadOnlyList<LogLine>> TailLogAsync(string name, int lines, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<LogLine>>($"tail {name} {lines}", [new LogLine(DateTimeOffset.UnixEpoch, name, "stdout", "hello"), new LogLine(DateTimeOffset.UnixEpoch, name, "stderr", "oops")]);

    public async IAsyncEnumerable<LogLine> FollowLogAsync(string name, int lines, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add("follow " + name);
        yield return new LogLine(DateTimeOffset.UnixEpoch, name, "stdout", "first");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task<IReadOnlyList<LogLine>> TailLogsAsync(IReadOnlyList<string> names, int lines, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<LogLine>>($"tail-many [{string.Join(' ', names)}] {lines}", [new LogLine(DateTimeOffset.UnixEpoch, "web-0", "stdout", "from web"), new LogLine(DateTimeOffset.UnixEpoch, "db-0", "stdout", "from db")]);

    public async IAsyncEnumerable<LogLine> FollowLogsAsync(IReadOnlyList<string> names, int lines, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add($"follow-many [{string.Join(' ', names)}]");
        yield return new LogLine(DateTimeOffset.UnixEpoch, "worker-1", "stdout", "working");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task FlushLogsAsync(string? name, CancellationToken cancellationToken = default) => Answer("flush " + (name ?? "*"), 0);

    /// <summary>What the event stream sends before it waits for the caller to cancel.</summary>
    public List<ProcessEvent> Events { get; } = [];

    /// <summary>Completes when the caller asks for the event after the last of <see cref="Events"/> (so it has handled them all).</summary>
    public TaskCompletionSource EventsDrained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async IAsyncEnumerable<ProcessEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add("events");
        foreach (var change in Events)
        {
            yield return change;
        }

        EventsDrained.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public List<UsbDeviceInfo> UsbDevices { get; } = [];

    public List<UsbDeviceEventInfo> UsbEvents { get; } = [];

    public Task<IReadOnlyList<UsbDeviceInfo>> ListUsbDevicesAsync(CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<UsbDeviceInfo>>("usb list", UsbDevices.ToList());

    public Task<UsbDeviceDetail> DescribeUsbDeviceAsync(string id, CancellationToken cancellationToken = default) =>
        Answer("usb describe " + id, new UsbDeviceDetail(
            UsbDevices.FirstOrDefault(d => d.Id == id) ?? throw new PbmApiException(404, "no USB device " + id, null),
            ["logger." + id],
            [.. UsbEvents.Where(e => e.Device.Id == id)]));

    public Task<IReadOnlyList<UsbDeviceEventInfo>> GetUsbHistoryAsync(int limit, string? deviceId, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<UsbDeviceEventInfo>>($"usb history {limit} {deviceId}", [.. UsbEvents.Where(e => deviceId is null || e.Device.Id == deviceId).TakeLast(limit)]);

#pragma warning disable CS1998 // an iterator over what the test set up
    public async IAsyncEnumerable<UsbDeviceEventInfo> FollowUsbAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
#pragma warning restore CS1998
    {
        Calls.Add("usb follow");
        foreach (var change in UsbEvents)
        {
            yield return change;
        }
    }

    public Task<ActorNode> GetHierarchyAsync(int depth, CancellationToken cancellationToken = default) =>
        Answer("hierarchy " + depth, new ActorNode("user", "/user", null,
        [
            new ActorNode("processes", "/user/processes", "ProcessSupervisor", [new ActorNode("web", "/user/processes/web", null, [])]),
            new ActorNode("usb", "/user/usb", null, []),
        ]));

    public Task<MemoryStats> GetMemoryStatsAsync(CancellationToken cancellationToken = default) =>
        Answer("memory", new MemoryStats(50 * 1024 * 1024, 10 * 1024 * 1024, 20 * 1024 * 1024, 3, 2, 1, [new BufferUsage("logs", "web", 10, 1000)]));

    public Task<PerformanceStats> GetPerformanceStatsAsync(CancellationToken cancellationToken = default) =>
        Answer("performance", new PerformanceStats(3600, 2, 1, 42, 0.5, 1.5, 3.25, 9, 0));

    public Task<IReadOnlyList<PaletteInfo>> ListPalettesAsync(CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<PaletteInfo>>("palettes", Palettes.ToList());

    public Task<PaletteResult> InvokePaletteAsync(string palette, string command, PaletteInvocation invocation, CancellationToken cancellationToken = default)
    {
        LastInvocation = invocation;
        return Answer($"invoke {palette} {command}", new PaletteResult("done", 0));
    }

    public List<PluginSummary> Plugins { get; } = [];

    public List<PluginProblem> PluginProblems { get; } = [];

    /// <summary>The last plugin request sent by invoke.</summary>
    public PluginInvokeRequest? LastPluginRequest { get; private set; }

    public Task<PluginListResult> ListPluginsAsync(CancellationToken cancellationToken = default) =>
        Answer("plugin list", new PluginListResult([.. Plugins], [.. PluginProblems]));

    public Task<PluginDescription> DescribePluginAsync(string name, CancellationToken cancellationToken = default) =>
        Answer("plugin describe " + name, new PluginDescription(
            FindPlugin(name), ["python3", "worker.py"], "/plugins/" + name + "/plugin.conf", 1, 1, 2, 100, 1000, 30, null,
            ["processes: web"], [new PluginWorkerInfo(4242, "idle", 3, 1)], 1, 0, 0));

    public Task<PluginInvokeResult> InvokePluginAsync(string name, PluginInvokeRequest request, CancellationToken cancellationToken = default)
    {
        FindPlugin(name);
        LastPluginRequest = request;
        using var result = System.Text.Json.JsonDocument.Parse(request.Params is { } p ? p.GetRawText() : "null");
        return Answer($"plugin invoke {name} {request.Method}", new PluginInvokeResult(name, request.Method, result.RootElement.Clone(), 0.4, 4242));
    }

    public Task<PluginReloadResult> ReloadPluginAsync(string name, CancellationToken cancellationToken = default) =>
        Answer("plugin reload " + name, new PluginReloadResult(name, FindPlugin(name).Version, FindPlugin(name).Generation + 1));

    public Task<IReadOnlyList<PluginHistoryEntry>> GetPluginHistoryAsync(string name, int limit, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<PluginHistoryEntry>>($"plugin history {name} {limit}", [new PluginHistoryEntry(DateTimeOffset.UnixEpoch, name, "echo", "ok", "{}", 0.4, 4242)]);

    private PluginSummary FindPlugin(string name) =>
        Plugins.FirstOrDefault(p => p.Name == name) ?? throw new PbmApiException(404, $"no plugin '{name}'", "pbm plugin list shows the plugins");

    private ProcessStatus Find(string name) =>
        Processes.FirstOrDefault(p => p.Name == name) ?? throw new PbmApiException(404, $"unknown process '{name}'", "list processes with 'pbm process list'");

    private Task<T> Answer<T>(string call, T value)
    {
        Calls.Add(call);
        return Failure is { } failure ? Task.FromException<T>(failure) : Task.FromResult(value);
    }
}
