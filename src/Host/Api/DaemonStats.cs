using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Cluster;
using ProcessManager.Host.Stats;

namespace ProcessManager.Host.Api;

/// <summary>
/// `pbm stats memory` and `pbm stats performance`: figures only the daemon itself can read (its RSS, GC heap, API
/// counters). For another node they come from that node's <see cref="NodeDiagnosticsServer"/>, which reads them here.
/// </summary>
internal static class DaemonStats
{
    public static async Task<MemoryStats> MemoryAsync(ApiContext api, CancellationToken cancellationToken)
    {
        if (RemoteNode(api) is var (fleet, node))
        {
            return Read(await RemoteDiagnostics.StatsAsync(fleet, node, Actors.Cluster.DaemonStatsKind.Memory, cancellationToken).ConfigureAwait(false), ApiHttp.Json.MemoryStats);
        }

        var gc = GC.GetGCMemoryInfo();
        var buffers = new List<BufferUsage>(await api.Backend.BufferUsageAsync(cancellationToken).ConfigureAwait(false))
        {
            new("api", "latency-samples", api.Counters.Latency.Count, api.Counters.Latency.Capacity),
            new("api", "streams", api.Counters.ActiveStreams, api.Counters.MaxStreams),
            new("api", "connections", api.Connections?.Open ?? 0, api.Settings.MaxConnections),
        };
        if (api.TcpConnections is { } tcp)
        {
            buffers.Add(new("api", "tcp-connections", tcp.Open, tcp.Capacity));
        }

        return new MemoryStats(
            ProcessMemory.ResidentBytes(),
            GC.GetTotalMemory(forceFullCollection: false),
            gc.TotalCommittedBytes,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            buffers);
    }

    public static async Task<PerformanceStats> PerformanceAsync(ApiContext api, CancellationToken cancellationToken)
    {
        if (RemoteNode(api) is var (fleet, node))
        {
            return Read(await RemoteDiagnostics.StatsAsync(fleet, node, Actors.Cluster.DaemonStatsKind.Performance, cancellationToken).ConfigureAwait(false), ApiHttp.Json.PerformanceStats);
        }

        var processes = await api.Backend.ListAsync(cancellationToken).ConfigureAwait(false);
        var (p50, p90, p99, max) = api.Counters.Latency.Percentiles();
        return new PerformanceStats(
            api.Counters.UptimeSeconds,
            processes.Count,
            processes.Count(p => p.Status == "running"),
            api.Counters.Latency.Total,
            p50,
            p90,
            p99,
            max,
            api.Counters.ActiveStreams);
    }

    /// <summary>The fleet and the node when the request is for another node (<c>pbm --node</c>).</summary>
    private static (NodeDirectory Fleet, string Node)? RemoteNode(ApiContext api) =>
        NodeTarget.Current is { } node && api.Fleet is { } fleet ? (fleet, node) : null;

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        System.Text.Json.JsonSerializer.Deserialize(json, type)
            ?? throw new InvalidOperationException($"another node answered {typeof(T).Name} with null");
}
