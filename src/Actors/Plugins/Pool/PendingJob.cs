using Akka.Actor;

namespace ProcessManager.Actors.Plugins.Pool;

/// <summary>An accepted request: queued, then in flight, until exactly one reply went to <paramref name="ReplyTo"/>.</summary>
internal sealed record PendingJob(long Id, string Method, string ParamsJson, IActorRef ReplyTo, long AcceptedTimestamp);
