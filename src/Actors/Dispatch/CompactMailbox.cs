using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ProcessManager.Actors.Dispatch;

/// <summary>Akka's unbounded mailbox on a <see cref="CompactInbox"/> (akka.actor.default-mailbox.mailbox-type).</summary>
public sealed class CompactMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<CompactInbox>
{
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactInbox();
}
