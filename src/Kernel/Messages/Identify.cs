namespace ProcessManager.Kernel;

/// <summary>Every actor answers with <see cref="ActorIdentity"/> carrying its reference.</summary>
public sealed record Identify(object? MessageId);

public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
