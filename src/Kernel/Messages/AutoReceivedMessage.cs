namespace ProcessManager.Kernel;

/// <summary>User-queue messages the kernel handles itself before the actor's receive.</summary>
public abstract class AutoReceivedMessage
{
    private protected AutoReceivedMessage()
    {
    }
}

/// <summary>Stops the actor after the messages queued before it.</summary>
public sealed class PoisonPill : AutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }

    public override string ToString() => "PoisonPill";
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> (the default decider stops it).</summary>
public sealed class Kill : AutoReceivedMessage
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }

    public override string ToString() => "Kill";
}

/// <summary>Internal: a watched actor terminated; delivered as <see cref="Terminated"/> if still watched.</summary>
internal sealed class DeliverTerminated(IActorRef actor) : AutoReceivedMessage
{
    public IActorRef Actor { get; } = actor;
}

/// <summary>Internal: a timer fired; delivered only if the timer is still current.</summary>
internal sealed class TimerFired(object key, int generation, object message) : AutoReceivedMessage
{
    public object Key { get; } = key;

    public int Generation { get; } = generation;

    public object Message { get; } = message;
}
