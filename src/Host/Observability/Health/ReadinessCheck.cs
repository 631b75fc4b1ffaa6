using Akka.Actor;
using Akka.Cluster;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Backend;

namespace ProcessManager.Host.Observability.Health;

/// <summary>
/// Ready = the process supervisor answers (it answers queries only once it has recovered from the journal), the
/// node is an up member of its cluster when clustered, and the journal answers a recovery of an empty stream (a real
/// read of the database), each within <c>health.timeout</c>.
/// </summary>
internal sealed partial class ReadinessCheck(ActorSystem? system, IProcessBackend backend, ObservabilitySettings settings, ILogger logger)
{
    /// <summary>A stream no actor writes: recovering it reads the journal's highest sequence number and nothing else.</summary>
    private const string ProbeStream = "pbm-readiness-probe";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.HealthTimeout);
        try
        {
            await backend.ListAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotReady(logger, "the process supervisor did not answer", ex.Message);
            return false;
        }

        if (system is null)
        {
            return true;
        }

        if (system is ExtendedActorSystem { Provider: ClusterActorRefProvider } && Akka.Cluster.Cluster.Get(system).SelfMember.Status is var membership and not (MemberStatus.Up or MemberStatus.WeaklyUp))
        {
            LogNotReady(logger, "this node is not an up member of its cluster", membership.ToString());
            return false;
        }

        try
        {
            var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
            var reply = await journal.Ask<object>(
                replyTo => new ReplayMessages(0, 0, 0, ProbeStream, replyTo),
                settings.HealthTimeout,
                timeout.Token).ConfigureAwait(false);
            if (reply is RecoverySuccess)
            {
                return true;
            }

            LogNotReady(logger, "the journal failed a read", reply is ReplayMessagesFailure failure ? failure.Cause.Message : reply.GetType().Name);
            return false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotReady(logger, "the journal did not answer", ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check failed: {What} ({Reason})")]
    private static partial void LogNotReady(ILogger logger, string what, string reason);
}
