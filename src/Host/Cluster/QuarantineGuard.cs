using Akka.Actor;
using Akka.Event;
using Akka.Remote;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// Shuts this daemon down when another node quarantines it. A node is quarantined once the others have downed and
/// removed it, for example after it was frozen (SIGSTOP, a stalled VM) for longer than the failure detector accepts.
/// Resumed, it may not have heard that it is down (the others no longer talk to it), and its own split-brain resolver
/// would then down them in turn and run a second cluster of one, with its own copy of every singleton app. A
/// quarantined system can never reach that peer again without a restart, so it stops its programs and exits, as a
/// downed node does (run-coordinated-shutdown-when-down); a service manager may then start it again to rejoin.
/// </summary>
internal sealed class QuarantineGuard : ReceiveActor
{
    public const string Name = "pbm-quarantine-guard";

    public QuarantineGuard()
    {
        Receive<ThisActorSystemQuarantinedEvent>(quarantined =>
        {
            Context.GetLogger().Warning(
                "{0} has quarantined this node {1}: the cluster removed it; shutting down rather than run a second side",
                quarantined.RemoteAddress,
                quarantined.LocalAddress);
            _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterDowningReason.Instance);
        });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ThisActorSystemQuarantinedEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
