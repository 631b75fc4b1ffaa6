namespace ProcessManager.Kernel;

/// <summary>Puts the current message aside to process it later, in its original order. Bounded by
/// <see cref="Props.StashCapacity"/> or <see cref="ActorSystemSettings.StashCapacity"/>. Stashed
/// messages return to the mailbox on restart and become dead letters on stop.</summary>
public interface IStash
{
    /// <summary>Stashes the message being processed; throws <see cref="StashOverflowException"/> when full.</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns all stashed messages, oldest first, ahead of anything already queued.</summary>
    void UnstashAll();

    void UnstashAll(Func<Envelope, bool> predicate);

    /// <summary>Removes and returns all stashed messages.</summary>
    IEnumerable<Envelope> ClearStash();

    int Count { get; }

    int Capacity { get; }

    bool IsEmpty { get; }
}

/// <summary>Implement to get <see cref="Stash"/> injected (usable from the constructor on).</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}

public sealed class StashOverflowException : ActorException
{
    public StashOverflowException()
    {
    }

    public StashOverflowException(string message)
        : base(message)
    {
    }

    public StashOverflowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
