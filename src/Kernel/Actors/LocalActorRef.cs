namespace ProcessManager.Kernel;

/// <summary>Reference to an actor of this system; delivers straight into its mailbox.</summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    internal LocalActorRef(ActorPath path)
    {
        Path = path;
    }

    public ActorPath Path { get; }

    internal ActorCell Cell { get; set; } = null!;

    public bool IsTerminated => Cell.IsTerminated;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (sender is null)
        {
            sender = ActorCell.Current?.Self;
        }
        else if (ReferenceEquals(sender, ActorRefs.NoSender))
        {
            sender = null;
        }

        var cell = Cell;
        if (cell.IsTerminated)
        {
            cell.System.DeadLetterRef.Deliver(message, sender, this);
            return;
        }

        cell.Mailbox.Post(new Envelope(message, sender));
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public override string ToString() => $"Actor[{Path}]";
}
