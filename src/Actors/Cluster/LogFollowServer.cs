using Akka.Actor;

namespace ProcessManager.Actors.Cluster;

/// <summary>
/// Serves other nodes' log follows (at /user/<see cref="Name"/>): each <see cref="FollowLogRemotely"/> gets a
/// <see cref="LogFollowForwarder"/> child that follows the log on this node and sends its lines to the subscriber.
/// </summary>
public sealed class LogFollowServer : ReceiveActor
{
    /// <summary>The actor's name under /user.</summary>
    public const string Name = "pbm-log-follow";

    public LogFollowServer(IActorRef supervisor, TimeSpan timeout, int batchLines)
    {
        var provider = ((ExtendedActorSystem)Context.System).Provider;
        Receive<FollowLogRemotely>(request =>
            Context.ActorOf(LogFollowForwarder.Props(request, provider.ResolveActorRef(request.Subscriber), supervisor, timeout, batchLines)));
    }

    public static Props Props(IActorRef supervisor, TimeSpan timeout, int batchLines) =>
        Akka.Actor.Props.Create(() => new LogFollowServer(supervisor, timeout, batchLines));
}
