namespace ProcessManager.Kernel;

/// <summary>Base of exceptions raised by the kernel about actors.</summary>
public class ActorException : Exception
{
    public ActorException()
    {
    }

    public ActorException(string message)
        : base(message)
    {
    }

    public ActorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The constructor or PreStart (or PostRestart) threw; the default decider stops the actor.</summary>
public sealed class ActorInitializationException : ActorException
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public IActorRef? Actor { get; init; }
}

/// <summary>Raised in an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : ActorException
{
    public ActorKilledException()
        : base("Kill")
    {
    }

    public ActorKilledException(string message)
        : base(message)
    {
    }

    public ActorKilledException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Raised when an actor does not handle the <see cref="Terminated"/> of an actor it watches.</summary>
public sealed class DeathPactException : ActorException
{
    public DeathPactException()
    {
    }

    public DeathPactException(string message)
        : base(message)
    {
    }

    public DeathPactException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public IActorRef? DeadActor { get; init; }
}

/// <summary>A child name is already taken or malformed.</summary>
public sealed class InvalidActorNameException : ActorException
{
    public InvalidActorNameException()
    {
    }

    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    public InvalidActorNameException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
