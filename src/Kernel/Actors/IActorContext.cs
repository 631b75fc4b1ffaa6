using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>Handles a message; returns false if it was not handled.</summary>
public delegate bool Receive(object message);

/// <summary>Creates and stops actors.</summary>
public interface IActorRefFactory
{
    /// <summary>Starts an actor; a null name generates a unique one. Throws
    /// <see cref="InvalidActorNameException"/> if the name is taken or malformed.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops the actor asynchronously (its current message completes first).</summary>
    void Stop(IActorRef actor);
}

/// <summary>The actor's view of itself and the kernel; use only from the actor's own thread.</summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>Sender of the current message; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    /// <summary>Live children, sorted by name.</summary>
    IEnumerable<IActorRef> Children { get; }

    /// <summary>The child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    ActorSystem System { get; }

    Props Props { get; }

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="subject"/> stops
    /// (at once if it is already dead).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/> but delivers <paramref name="message"/> instead of Terminated.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>No Terminated for <paramref name="subject"/> is received after this call.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behavior.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behavior; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>Same as <see cref="UnbecomeStacked"/>.</summary>
    void Unbecome();

    /// <summary>A logger named after the actor type that also publishes warnings and errors
    /// as <see cref="LogEvent"/> on the event stream.</summary>
    ILogger GetLogger();
}
