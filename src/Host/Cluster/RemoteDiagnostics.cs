using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Diagnostics;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Cluster;

/// <summary>`pbm --node NAME actor hierarchy` and `stats memory|performance`: asked of that node's <see cref="NodeDiagnosticsServer"/>.</summary>
internal static class RemoteDiagnostics
{
    public static async Task<Dto.ActorNode> HierarchyAsync(NodeDirectory fleet, string node, int depth, CancellationToken cancellationToken)
    {
        // The other node walks for up to QueryTimeout; the ask waits that long and the usual ask timeout on top.
        var timeout = ActorProcessBackend.QueryTimeout + fleet.Settings.AskTimeout;
        var tree = await AskAsync<ActorTreeNode>(fleet, node, new GetActorTree(depth), timeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Actor(tree);
    }

    /// <summary>The other daemon's statistics as JSON in the API's shape (<see cref="Api.DaemonStats"/> reads them).</summary>
    public static async Task<string> StatsAsync(NodeDirectory fleet, string node, DaemonStatsKind kind, CancellationToken cancellationToken)
    {
        var timeout = ActorProcessBackend.QueryTimeout + fleet.Settings.AskTimeout;
        var answer = await AskAsync<DaemonStatsAnswer>(fleet, node, new GetDaemonStats(kind), timeout, cancellationToken).ConfigureAwait(false);
        return answer.Json;
    }

    /// <summary>The fill of the other daemon's bounded buffers, from its memory statistics.</summary>
    public static async Task<IReadOnlyList<Dto.BufferUsage>> BufferUsageAsync(NodeDirectory fleet, string node, CancellationToken cancellationToken)
    {
        var json = await StatsAsync(fleet, node, DaemonStatsKind.Memory, cancellationToken).ConfigureAwait(false);
        var stats = System.Text.Json.JsonSerializer.Deserialize(json, Api.ApiHttp.Json.MemoryStats)
            ?? throw new InvalidOperationException($"node '{node}' answered its memory statistics with null");
        return stats.Buffers;
    }

    private static async Task<T> AskAsync<T>(NodeDirectory fleet, string node, object question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var server = fleet.Server(node, NodeDiagnosticsServer.Name);
        object reply;
        try
        {
            reply = await server.Ask<object>(question, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(504, $"node '{node}' did not answer in time", $"it took longer than {timeout.TotalSeconds:0} s; see 'pbm node list'");
        }

        return reply switch
        {
            T answer => answer,
            CommandFailed failed => throw new ApiException(502, $"node '{node}': {failed.Reason}", null),
            _ => throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} from node '{node}'"),
        };
    }
}
