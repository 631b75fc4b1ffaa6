using System.Globalization;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Contracts.Client;

/// <summary>
/// The daemon's <c>/v1</c> API as methods. Used by pbm and by tests; speaks HTTP/1.1 over a Unix socket or TCP
/// with one connection per call, so an instance holds no connection and is safe to share.
/// </summary>
public sealed class PbmApiClient : IPbmApiClient
{
    private static readonly ContractsJsonContext Json = ContractsJsonContext.Default;
    private readonly string? _token;
    private readonly Lazy<RemoteCertificateValidationCallback?> _validateCertificate;

    /// <summary>Creates a client for <paramref name="endpoint"/>; <paramref name="token"/> is sent as a bearer token when set.</summary>
    public PbmApiClient(PbmEndpoint endpoint, string? token = null, PbmClientSettings? settings = null)
    {
        Endpoint = endpoint;
        _token = string.IsNullOrEmpty(token) ? null : token;
        Settings = settings ?? PbmClientSettings.Default;
        var caFile = Settings.CaFile;
        _validateCertificate = new(() => TlsTrust.For(caFile));
    }

    /// <inheritdoc />
    public PbmEndpoint Endpoint { get; }

    /// <summary>Time-outs and size bounds of this client.</summary>
    public PbmClientSettings Settings { get; }

    /// <inheritdoc />
    public Task<DaemonStatus> GetDaemonStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/daemon", null, Json.DaemonStatus, cancellationToken);

    /// <inheritdoc />
    public Task StopDaemonAsync(CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/daemon/stop", null, cancellationToken);

    public Task RestartDaemonAsync(CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/daemon/restart", null, cancellationToken);

    /// <inheritdoc />
    public Task<TokenRotation> RotateTokenAsync(CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/daemon/token/rotate", null, Json.TokenRotation, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProcessStatus>> ListProcessesAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/processes", null, Json.IReadOnlyListProcessStatus, cancellationToken);

    /// <inheritdoc />
    public Task<ProcessDescription> DescribeProcessAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/processes/" + Escape(name), null, Json.ProcessDescription, cancellationToken);

    /// <inheritdoc />
    public Task<ProcessDescription> DescribeProcessAsync(string name, bool showSecrets, CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/processes/" + Escape(name) + (showSecrets ? "?show-secrets=true" : ""), null, Json.ProcessDescription, cancellationToken);

    /// <inheritdoc />
    public Task<ProcessDescription> DescribeProcessAsync(string name, bool showSecrets, int lines, CancellationToken cancellationToken = default) =>
        SendAsync(
            "GET",
            "/v1/processes/" + Escape(name) + "?lines=" + lines.ToString(CultureInfo.InvariantCulture) + (showSecrets ? "&show-secrets=true" : ""),
            null,
            Json.ProcessDescription,
            cancellationToken);

    /// <inheritdoc />
    public Task<ProcessStatus> StartProcessAsync(StartProcessRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/processes", JsonSerializer.SerializeToUtf8Bytes(request, Json.StartProcessRequest), Json.ProcessStatus, cancellationToken);

    /// <inheritdoc />
    public Task<ProcessStatus> StopProcessAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/processes/{Escape(name)}/stop", null, Json.ProcessStatus, cancellationToken);

    /// <inheritdoc />
    public Task<ProcessStatus> RestartProcessAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/processes/{Escape(name)}/restart", null, Json.ProcessStatus, cancellationToken);

    /// <inheritdoc />
    public Task DeleteProcessAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("DELETE", "/v1/processes/" + Escape(name), null, cancellationToken);

    /// <inheritdoc />
    public Task<ProcessStatus> ScaleProcessAsync(string name, int instances, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/processes/{Escape(name)}/scale", JsonSerializer.SerializeToUtf8Bytes(new ScaleRequest(instances), Json.ScaleRequest), Json.ProcessStatus, cancellationToken);

    /// <inheritdoc />
    public Task<BulkProcessResult> BulkAsync(BulkProcessRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/processes/bulk", JsonSerializer.SerializeToUtf8Bytes(request, Json.BulkProcessRequest), Json.BulkProcessResult, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LogLine>> TailLogsAsync(IReadOnlyList<string> names, int lines, CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/logs?" + LogsQuery(names, lines), null, Json.IReadOnlyListLogLine, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LogLine> FollowLogsAsync(IReadOnlyList<string> names, int lines, CancellationToken cancellationToken = default) =>
        StreamAsync("/v1/logs-follow?" + LogsQuery(names, lines), Json.LogLine, cancellationToken);

    private static string LogsQuery(IReadOnlyList<string> names, int lines) =>
        string.Concat(names.Select(name => "name=" + Escape(name) + "&")) + "lines=" + lines.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public Task<ProcessStatus> StartFileAsync(StartFileRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/start-file", JsonSerializer.SerializeToUtf8Bytes(request, Json.StartFileRequest), Json.ProcessStatus, cancellationToken);

    /// <inheritdoc />
    public Task<SignalResult> SignalProcessAsync(string name, string signal, CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/processes/" + Escape(name) + "/signal", JsonSerializer.SerializeToUtf8Bytes(new SignalRequest(signal), Json.SignalRequest), Json.SignalResult, cancellationToken);

    /// <inheritdoc />
    public Task<ApplyConfigResult> ApplyConfigAsync(ApplyConfigRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/apply", JsonSerializer.SerializeToUtf8Bytes(request, Json.ApplyConfigRequest), Json.ApplyConfigResult, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string name, CancellationToken cancellationToken = default) =>
        GetHistoryAsync(name, null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string name, DateTimeOffset? since, CancellationToken cancellationToken = default) =>
        SendAsync(
            "GET",
            $"/v1/processes/{Escape(name)}/history" + (since is { } from ? "?since=" + Escape(from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)) : string.Empty),
            null,
            Json.IReadOnlyListHistoryEntry,
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LogLine>> TailLogAsync(string name, int lines, CancellationToken cancellationToken = default) =>
        SendAsync("GET", $"/v1/logs/{Escape(name)}?lines={lines.ToString(CultureInfo.InvariantCulture)}", null, Json.IReadOnlyListLogLine, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LogLine> FollowLogAsync(string name, int lines, CancellationToken cancellationToken = default) =>
        StreamAsync($"/v1/logs/{Escape(name)}/follow?lines={lines.ToString(CultureInfo.InvariantCulture)}", Json.LogLine, cancellationToken);

    /// <inheritdoc />
    public Task FlushLogsAsync(string? name, CancellationToken cancellationToken = default) =>
        SendAsync("POST", name is null ? "/v1/logs/flush" : $"/v1/logs/{Escape(name)}/flush", null, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ProcessEvent> EventsAsync(CancellationToken cancellationToken = default) =>
        StreamAsync("/v1/events", Json.ProcessEvent, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeStatus>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/nodes", null, Json.IReadOnlyListNodeStatus, cancellationToken);

    /// <inheritdoc />
    public Task LeaveNodeAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/nodes/{Escape(name)}/leave", null, cancellationToken);

    /// <inheritdoc />
    public Task DownNodeAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/nodes/{Escape(name)}/down", null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeProcesses>> ListProcessesOfAllNodesAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/nodes/processes", null, Json.IReadOnlyListNodeProcesses, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ProcessEvent> EventsOfAllNodesAsync(CancellationToken cancellationToken = default) =>
        StreamAsync("/v1/nodes/events", Json.ProcessEvent, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UsbDeviceInfo>> ListUsbDevicesAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/usb/devices", null, Json.IReadOnlyListUsbDeviceInfo, cancellationToken);

    /// <inheritdoc />
    public Task<UsbDeviceDetail> DescribeUsbDeviceAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/usb/devices/" + Escape(id), null, Json.UsbDeviceDetail, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UsbDeviceEventInfo>> GetUsbHistoryAsync(int limit, string? deviceId, CancellationToken cancellationToken = default) =>
        SendAsync(
            "GET",
            "/v1/usb/history?limit=" + limit.ToString(CultureInfo.InvariantCulture) + (deviceId is null ? "" : "&device=" + Escape(deviceId)),
            null,
            Json.IReadOnlyListUsbDeviceEventInfo,
            cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<UsbDeviceEventInfo> FollowUsbAsync(CancellationToken cancellationToken = default) =>
        StreamAsync("/v1/usb/follow", Json.UsbDeviceEventInfo, cancellationToken);

    /// <inheritdoc />
    public Task<ActorNode> GetHierarchyAsync(int depth, CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/actors?depth=" + depth.ToString(CultureInfo.InvariantCulture), null, Json.ActorNode, cancellationToken);

    /// <inheritdoc />
    public Task<MemoryStats> GetMemoryStatsAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/stats/memory", null, Json.MemoryStats, cancellationToken);

    /// <inheritdoc />
    public Task<PerformanceStats> GetPerformanceStatsAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/stats/performance", null, Json.PerformanceStats, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PaletteInfo>> ListPalettesAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/palettes", null, Json.IReadOnlyListPaletteInfo, cancellationToken);

    /// <inheritdoc />
    public Task<PaletteResult> InvokePaletteAsync(string palette, string command, PaletteInvocation invocation, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/palettes/{Escape(palette)}/{Escape(command)}", JsonSerializer.SerializeToUtf8Bytes(invocation, Json.PaletteInvocation), Json.PaletteResult, cancellationToken);

    /// <inheritdoc />
    public Task<PluginListResult> ListPluginsAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/plugins", null, Json.PluginListResult, cancellationToken);

    /// <inheritdoc />
    public Task<PluginDescription> DescribePluginAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("GET", "/v1/plugins/" + Escape(name), null, Json.PluginDescription, cancellationToken);

    /// <inheritdoc />
    public Task<PluginInvokeResult> InvokePluginAsync(string name, PluginInvokeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/plugins/{Escape(name)}/invoke", JsonSerializer.SerializeToUtf8Bytes(request, Json.PluginInvokeRequest), Json.PluginInvokeResult, cancellationToken);

    /// <inheritdoc />
    public Task<PluginReloadResult> ReloadPluginAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("POST", $"/v1/plugins/{Escape(name)}/reload", null, Json.PluginReloadResult, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PluginHistoryEntry>> GetPluginHistoryAsync(string name, int limit, CancellationToken cancellationToken = default) =>
        SendAsync("GET", $"/v1/plugins/{Escape(name)}/history?limit={limit.ToString(CultureInfo.InvariantCulture)}", null, Json.IReadOnlyListPluginHistoryEntry, cancellationToken);
    public Task<DashboardLogin> CreateDashboardLoginAsync(CancellationToken cancellationToken = default) =>
        SendAsync("POST", "/v1/dashboard/login-code", null, Json.DashboardLogin, cancellationToken);

    /// <inheritdoc />
    public Task<MetricsHistory> GetMetricsHistoryAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync("GET", $"/v1/metrics/history/{Escape(name)}", null, Json.MetricsHistory, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<MetricsSnapshot> MetricsAsync(CancellationToken cancellationToken = default) =>
        StreamAsync("/v1/metrics/live", Json.MetricsSnapshot, cancellationToken);

    /// <summary>Sends a raw request and returns status and body; for tests of the API's limits and errors.</summary>
    public async Task<(int StatusCode, string Body)> SendRawAsync(string method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(method, pathAndQuery, _token, body, cancellationToken, Settings.Node).ConfigureAwait(false);
        var bytes = await connection.Response.ReadBodyToEndAsync(Settings.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        return (connection.Response.StatusCode, Encoding.UTF8.GetString(bytes));
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task SendAsync(string method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.RequestTimeout);
        await using var connection = await OpenAsync(timeout.Token).ConfigureAwait(false);
        await connection.SendAsync(method, path, _token, body, timeout.Token, Settings.Node).ConfigureAwait(false);
        var bytes = await connection.Response.ReadBodyToEndAsync(Settings.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
        ThrowOnError(connection.Response, bytes);
    }

    private async Task<T> SendAsync<T>(string method, string path, byte[]? body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.RequestTimeout);
        await using var connection = await OpenAsync(timeout.Token).ConfigureAwait(false);
        await connection.SendAsync(method, path, _token, body, timeout.Token, Settings.Node).ConfigureAwait(false);
        var bytes = await connection.Response.ReadBodyToEndAsync(Settings.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
        ThrowOnError(connection.Response, bytes);
        return JsonSerializer.Deserialize(bytes, typeInfo)
            ?? throw new PbmApiException(connection.Response.StatusCode, "empty answer", $"{method} {path} returned no JSON value");
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(string path, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.SendAsync("GET", path, _token, null, cancellationToken, Settings.Node).ConfigureAwait(false);
        if (connection.Response.StatusCode >= 400)
        {
            var errorBody = await connection.Response.ReadBodyToEndAsync(Settings.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            ThrowOnError(connection.Response, errorBody);
        }

        var buffer = new byte[16 * 1024];
        using var pending = new MemoryStream();
        while (true)
        {
            var read = await connection.Response.ReadBodyAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                yield break;
            }

            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                pending.Write(buffer, start, i - start);
                start = i + 1;
                if (pending.Length > 0)
                {
                    var item = JsonSerializer.Deserialize(pending.GetBuffer().AsSpan(0, (int)pending.Length), typeInfo);
                    pending.SetLength(0);
                    if (item is not null)
                    {
                        yield return item;
                    }
                }
            }

            pending.Write(buffer, start, read - start);
            if (pending.Length > Settings.MaxResponseBytes)
            {
                throw new IOException($"a streamed line is longer than {Settings.MaxResponseBytes} bytes");
            }
        }
    }

    private Task<PbmHttpConnection> OpenAsync(CancellationToken cancellationToken) =>
        PbmHttpConnection.OpenAsync(Endpoint, Settings.ConnectTimeout, _validateCertificate.Value, cancellationToken);

    private static void ThrowOnError(HttpResponseReader response, byte[] body)
    {
        var statusCode = response.StatusCode;
        if (statusCode < 400)
        {
            return;
        }

        ApiError? error = null;
        try
        {
            error = body.Length > 0 ? JsonSerializer.Deserialize(body, Json.ApiError) : null;
        }
        catch (JsonException)
        {
            // Not our JSON (a proxy, or Kestrel's own answer to a malformed request): fall back to the status text.
        }

        throw new PbmApiException(statusCode, error?.Error ?? DefaultError(statusCode), error?.Detail) { RetryAfter = response.RetryAfter };
    }

    private static string DefaultError(int statusCode) => statusCode switch
    {
        400 => "bad request",
        401 => "unauthorized",
        404 => "not found",
        413 => "request too large",
        429 => "too many requests",
        503 => "the daemon is busy; retry shortly",
        504 => "the daemon did not answer in time",
        _ => $"the daemon answered {statusCode.ToString(CultureInfo.InvariantCulture)}",
    };
}
