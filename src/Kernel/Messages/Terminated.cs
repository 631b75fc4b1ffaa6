namespace ProcessManager.Kernel;

/// <summary>Delivered once to each watcher when a watched actor has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);
