namespace ProcessManager.Kernel;

/// <summary>An immutable, thread-safe handle to an actor. Identity is by instance: a new actor
/// started under the same path is a different reference.</summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>Sends a message, fire-and-forget. A null <paramref name="sender"/> means the current
    /// actor when called from inside an actor, no sender otherwise (pass <see cref="ActorRefs.NoSender"/>
    /// to send none explicitly).</summary>
    void Tell(object message, IActorRef? sender = null);
}
