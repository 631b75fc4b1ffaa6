using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Cluster;

/// <summary>
/// Answers other nodes' <see cref="GetNodeInfo"/> (at <see cref="Path"/>): the daemon's name, start, version and how
/// many programs its supervisor holds, asked without blocking the mailbox.
/// </summary>
public sealed class NodeInfoActor : ReceiveActor
{
    /// <summary>The actor's name under /user.</summary>
    public const string Name = "pbm-node";

    /// <summary>Where other nodes find it.</summary>
    public const string Path = "/user/" + Name;

    public NodeInfoActor(string nodeName, string version, IActorRef supervisor, TimeSpan timeout)
    {
        var startedAt = DateTimeOffset.UtcNow;
        Receive<GetNodeInfo>(_ =>
        {
            supervisor.Ask<ProcessList>(ListProcesses.Instance, timeout).ContinueWith(
                task => new NodeInfo(nodeName, startedAt, version, task.IsCompletedSuccessfully ? task.Result.Processes.Count : -1),
                TaskScheduler.Default).PipeTo(Sender);
        });
    }

    public static Props Props(string nodeName, string version, IActorRef supervisor, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new NodeInfoActor(nodeName, version, supervisor, timeout));
}
