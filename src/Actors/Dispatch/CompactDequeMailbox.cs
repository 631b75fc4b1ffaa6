using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ProcessManager.Actors.Dispatch;

/// <summary>
/// Akka's unbounded deque-based mailbox (what actors that stash are given) on a <see cref="CompactInbox"/>
/// (akka.actor.mailbox.unbounded-deque-based.mailbox-type).
/// </summary>
public sealed class CompactDequeMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<CompactDequeInbox>
{
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactDequeInbox();
}
