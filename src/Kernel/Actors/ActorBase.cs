using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>
/// Base of all actors. Create instances only through <see cref="Props"/>; the constructor
/// runs on the actor's own mailbox thread.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Current ?? throw new ActorInitializationException(
            $"{GetType().Name} must be created through Props and ActorOf, not with 'new'.");
        _cell.AttachTimersAndStash(this);
    }

    /// <summary>The actor's context; valid on the actor's thread (also after an await in ReceiveAsync).</summary>
    protected static IActorContext Context => ActorCell.Current ?? throw new InvalidOperationException(
        "Context is only available on the actor's own thread while it processes a message.");

    protected IActorRef Self => _cell.Self;

    protected IActorRef Sender => _cell.Sender;

    internal ActorCell Cell => _cell;

    /// <summary>Handles one message; false means unhandled.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called for every message not handled. Publishes <see cref="UnhandledMessage"/>; an
    /// unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException($"Monitored actor {terminated.ActorRef.Path} terminated and {_cell.Self.Path} did not handle it.")
            {
                DeadActor = terminated.ActorRef,
            };
        }

        _cell.PublishUnhandled(message);
    }

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal bool InvokeReceive(object message) => Receive(message);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    /// <summary>Strategy applied to this actor's children unless <see cref="Props.SupervisorStrategy"/> is set.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.DefaultStrategy;

    /// <summary>After construction, before the first message (and after restart via PostRestart).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>After the actor and all its children have stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>On the failed instance before it is replaced: by default stops all children, then PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>On the new instance after a restart: by default PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>Kernel logger for this actor (see <see cref="IActorContext.GetLogger"/>).</summary>
    protected ILogger Log => _cell.GetLogger();

    /// <summary>Replaces the current behavior (see <see cref="IActorContext.Become"/>).</summary>
    protected void Become(Receive receive) => _cell.Become(receive);
}
