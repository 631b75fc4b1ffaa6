using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// An app with <c>placement = singleton</c>, hosted by Akka.Cluster.Tools' ClusterSingletonManager: the app exists on
/// the node where this actor lives, declared on that node's supervisor when the actor starts and deleted when it stops
/// (hand-over to another node, or this node leaving), so the cluster runs it exactly where the singleton is.
/// </summary>
internal sealed class SingletonApp : ReceiveActor, IWithTimers
{
    /// <summary>How long a refused start waits before it is tried again (the node may still be deleting its old copy).</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly ProcessSpec _spec;
    private readonly IActorRef _supervisor;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SingletonApp(ProcessSpec spec, IActorRef supervisor)
    {
        _spec = spec;
        _supervisor = supervisor;

        // While this node holds the singleton the app must run here: a refusal is logged and the start tried again.
        Receive<IProcessCommandError>(error =>
        {
            _log.Warning("Singleton app {0}: start refused ({1}); trying again in {2}", _spec.Name, error.Message, RetryInterval);
            Timers.StartSingleTimer(nameof(StartProcess), new StartProcess(_spec), RetryInterval);
        });
        Receive<StartProcess>(start => _supervisor.Tell(start, Self));

        // The supervisor's other replies; its own events report the app's state.
        ReceiveAny(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => _supervisor.Tell(new StartProcess(_spec), Self);

    protected override void PostStop() => _supervisor.Tell(new DeleteProcess(_spec.Name), ActorRefs.NoSender);

    public static Props Props(ProcessSpec spec, IActorRef supervisor) => Akka.Actor.Props.Create(() => new SingletonApp(spec, supervisor));
}
