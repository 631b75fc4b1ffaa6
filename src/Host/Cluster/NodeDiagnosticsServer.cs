using System.Text.Json;
using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Diagnostics;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// Answers other nodes' questions about this daemon itself (at <see cref="Name"/>): its actor tree, walked here where
/// each actor's type is known, and its statistics, read by this daemon's API. The work runs off the mailbox and its
/// result is piped back; a failure is answered with <see cref="CommandFailed"/>.
/// </summary>
internal sealed class NodeDiagnosticsServer : ReceiveActor
{
    /// <summary>The actor's name under /user.</summary>
    public const string Name = "pbm-diagnostics";

    /// <summary>The deepest tree another node may ask for, as the local API allows.</summary>
    public const int MaxDepth = 64;

    public NodeDiagnosticsServer(ApiContext api)
    {
        Receive<GetActorTree>(ask =>
        {
            if (ask.Depth is < 1 or > MaxDepth)
            {
                Sender.Tell(new CommandFailed($"depth must be 1-{MaxDepth}, not {ask.Depth}"));
                return;
            }

            Answer(ActorHierarchy.WalkAsync(Context.System, ask.Depth, ActorProcessBackend.HierarchyQuietPeriod, ActorProcessBackend.QueryTimeout));
        });
        Receive<GetDaemonStats>(ask => Answer(StatsAsync(api, ask.Kind)));
    }

    public static Props Props(ApiContext api) => Akka.Actor.Props.Create(() => new NodeDiagnosticsServer(api));

    /// <summary>Read as this daemon's own API reads them: the request names no node, so nothing is forwarded again.</summary>
    private static async Task<DaemonStatsAnswer> StatsAsync(ApiContext api, DaemonStatsKind kind)
    {
        using var timeout = new CancellationTokenSource(ActorProcessBackend.QueryTimeout);
        var json = kind switch
        {
            DaemonStatsKind.Memory => JsonSerializer.Serialize(await DaemonStats.MemoryAsync(api, timeout.Token).ConfigureAwait(false), ApiHttp.Json.MemoryStats),
            DaemonStatsKind.Performance => JsonSerializer.Serialize(await DaemonStats.PerformanceAsync(api, timeout.Token).ConfigureAwait(false), ApiHttp.Json.PerformanceStats),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown statistics"),
        };
        return new DaemonStatsAnswer(json);
    }

    private void Answer<T>(Task<T> work) =>
        work.ContinueWith(
            task => task.IsCompletedSuccessfully ? task.Result! : (object)new CommandFailed(task.Exception?.GetBaseException().Message ?? "cancelled"),
            TaskScheduler.Default).PipeTo(Sender);
}
