using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// An app with <c>placement = singleton</c>, hosted by Akka.Cluster.Tools' ClusterSingletonManager: the app exists on
/// the node where this actor lives, declared on that node's supervisor when the actor starts and deleted when it stops
/// (hand-over to another node, or this node leaving), so the cluster runs it exactly where the singleton is.
/// </summary>
internal sealed class SingletonApp : ReceiveActor
{
    private readonly ProcessSpec _spec;
    private readonly IActorRef _supervisor;

    public SingletonApp(ProcessSpec spec, IActorRef supervisor)
    {
        _spec = spec;
        _supervisor = supervisor;

        // The supervisor's replies; its own events report the app's state.
        ReceiveAny(_ => { });
    }

    protected override void PreStart() => _supervisor.Tell(new StartProcess(_spec), Self);

    protected override void PostStop() => _supervisor.Tell(new DeleteProcess(_spec.Name), ActorRefs.NoSender);

    public static Props Props(ProcessSpec spec, IActorRef supervisor) => Akka.Actor.Props.Create(() => new SingletonApp(spec, supervisor));
}
