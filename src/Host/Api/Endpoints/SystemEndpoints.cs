using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Stats;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary><c>/v1/daemon</c>, <c>/v1/actors</c> and <c>/v1/stats</c>.</summary>
internal static partial class SystemEndpoints
{
    private static readonly string Version =
        typeof(SystemEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/daemon", async context =>
        {
            var processes = await api.Backend.ListAsync(context.RequestAborted).ConfigureAwait(false);
            var journal = api.Backend.JournalFailures;
            var status = new DaemonStatus(
                Environment.ProcessId, Version, api.PbmHome, api.SocketPath, api.TcpEndpoint, api.Counters.UptimeSeconds, processes.Count,
                journal.Count, journal.LastReason, journal.LastAt);
            await ApiHttp.WriteAsync(context, status, json.DaemonStatus).ConfigureAwait(false);
        });

        routes.MapPost("/v1/daemon/stop", async context =>
        {
            LogStopRequested(api.Logger);
            context.Response.OnCompleted(() =>
            {
                api.Lifetime.StopApplication();
                return Task.CompletedTask;
            });
            await ApiHttp.WriteAsync(context, new ApiError("stopping", "the daemon runs its coordinated shutdown now"), json.ApiError, StatusCodes.Status202Accepted).ConfigureAwait(false);
        });

        routes.MapPost("/v1/daemon/restart", async context =>
        {
            LogRestartRequested(api.Logger);
            context.Response.OnCompleted(() =>
            {
                _ = Task.Run(() => RestartInPlaceAsync(api));
                return Task.CompletedTask;
            });
            await ApiHttp.WriteAsync(context, new ApiError("restarting", "the daemon flushes its logs and starts again in place (same pid); programs keep running and are adopted"), json.ApiError, StatusCodes.Status202Accepted).ConfigureAwait(false);
        });

        routes.MapPost("/v1/daemon/token/rotate", async context =>
        {
            if (!api.Tokens.Enabled)
            {
                throw new ApiException(
                    StatusCodes.Status409Conflict,
                    "there is no token to rotate",
                    "the API is served on the Unix socket only (pbm.api.tcp.enabled = off), which needs no token; no token file is written");
            }

            api.Tokens.Rotate();
            api.Observability?.Sessions.Clear();
            LogTokenRotated(api.Logger);
            await ApiHttp.WriteAsync(context, new TokenRotation(api.Tokens.TokenFile, DateTimeOffset.UtcNow), json.TokenRotation).ConfigureAwait(false);
        });

        routes.MapGet("/v1/actors", async context =>
        {
            var depth = ApiHttp.QueryInt(context, "depth", 8, 1, 64);
            await ApiHttp.WriteAsync(context, await api.Backend.HierarchyAsync(depth, context.RequestAborted).ConfigureAwait(false), json.ActorNode).ConfigureAwait(false);
        });

        routes.MapGet("/v1/stats/memory", async context =>
        {
            var gc = GC.GetGCMemoryInfo();
            var buffers = new List<BufferUsage>(await api.Backend.BufferUsageAsync(context.RequestAborted).ConfigureAwait(false))
            {
                new("api", "latency-samples", api.Counters.Latency.Count, api.Counters.Latency.Capacity),
                new("api", "streams", api.Counters.ActiveStreams, api.Counters.MaxStreams),
                new("api", "connections", api.Connections?.Open ?? 0, api.Settings.MaxConnections),
            };
            if (api.TcpConnections is { } tcp)
            {
                buffers.Add(new("api", "tcp-connections", tcp.Open, tcp.Capacity));
            }

            var stats = new MemoryStats(
                ProcessMemory.ResidentBytes(),
                GC.GetTotalMemory(forceFullCollection: false),
                gc.TotalCommittedBytes,
                GC.CollectionCount(0),
                GC.CollectionCount(1),
                GC.CollectionCount(2),
                buffers);
            await ApiHttp.WriteAsync(context, stats, json.MemoryStats).ConfigureAwait(false);
        });

        routes.MapGet("/v1/stats/performance", async context =>
        {
            var processes = await api.Backend.ListAsync(context.RequestAborted).ConfigureAwait(false);
            var (p50, p90, p99, max) = api.Counters.Latency.Percentiles();
            var stats = new PerformanceStats(
                api.Counters.UptimeSeconds,
                processes.Count,
                processes.Count(p => p.Status == "running"),
                api.Counters.Latency.Total,
                p50,
                p90,
                p99,
                max,
                api.Counters.ActiveStreams);
            await ApiHttp.WriteAsync(context, stats, json.PerformanceStats).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Acknowledged events are already durable (the journal answers only then), so what is left to save is the output
    /// captured but not yet written; then execve. Programs are not stopped: the new image adopts them.
    /// </summary>
    private static async Task RestartInPlaceAsync(ApiContext api)
    {
        try
        {
            await api.Backend.FlushLogsAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException or ApiException)
        {
            LogRestartFlushFailed(api.Logger, error.Message);
        }

        LogRestartFailed(api.Logger, Hosting.DaemonReexec.Execute());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restart in place requested through the API")]
    private static partial void LogRestartRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restart in place: flushing logs failed ({Reason}); restarting all the same")]
    private static partial void LogRestartFlushFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restart in place failed: execve: {Reason}; the daemon keeps running")]
    private static partial void LogRestartFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stop requested through the API")]
    private static partial void LogStopRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API token rotated; the previous token is no longer valid")]
    private static partial void LogTokenRotated(ILogger logger);
}
