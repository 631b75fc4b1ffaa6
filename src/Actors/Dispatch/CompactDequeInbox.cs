using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ProcessManager.Actors.Dispatch;

/// <summary><see cref="CompactInbox"/> with Akka's prepend buffer, for actors that stash (persistent actors).</summary>
public sealed class CompactDequeInbox() : DequeWrapperMessageQueue(new CompactInbox()), IUnboundedDequeBasedMessageQueueSemantics;
