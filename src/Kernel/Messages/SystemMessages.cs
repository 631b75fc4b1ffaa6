namespace ProcessManager.Kernel;

/// <summary>Kernel-internal control messages; they overtake user messages and run while suspended.</summary>
internal abstract class SystemMessage;

/// <summary>Construct the actor instance and run PreStart.</summary>
internal sealed class Create : SystemMessage;

/// <summary>Stop the actor: children first, then PostStop, then notify parent and watchers.</summary>
internal sealed class Terminate : SystemMessage;

/// <summary>Hold user messages (the parent failed).</summary>
internal sealed class Suspend : SystemMessage;

/// <summary>Continue after a failure the supervisor chose to resume (or after the parent resumed).</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

/// <summary>Restart with a fresh instance.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>A child reports a failure to its parent.</summary>
internal sealed class Failed(IInternalActorRef child, Exception cause) : SystemMessage
{
    public IInternalActorRef Child { get; } = child;

    public Exception Cause { get; } = cause;
}

internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>The actor has terminated; sent to its parent and every watcher.</summary>
internal sealed class DeathWatchNotification(IActorRef actor) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
}

/// <summary>An async handler finished; the mailbox may continue with user messages.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}

/// <summary>A continuation of an async handler, run on the actor's mailbox.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;

    public object? State { get; } = state;
}
