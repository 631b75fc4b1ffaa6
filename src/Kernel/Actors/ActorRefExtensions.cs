namespace ProcessManager.Kernel;

public static class ActorRefExtensions
{
    /// <summary>Sends keeping the sender of the message being processed.</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var cell = ActorCell.Current;
        receiver.Tell(message, cell is null ? ActorRefs.NoSender : cell.CurrentSender ?? ActorRefs.NoSender);
    }

    /// <summary>True unless the reference is null or <see cref="ActorRefs.Nobody"/>.</summary>
    public static bool IsNobody(this IActorRef? actorRef) => actorRef is null || ReferenceEquals(actorRef, ActorRefs.Nobody);
}
