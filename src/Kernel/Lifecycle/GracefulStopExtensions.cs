namespace ProcessManager.Kernel;

public static class GracefulStopExtensions
{
    /// <summary>
    /// Sends <paramref name="stopMessage"/> (default <see cref="PoisonPill"/>) and completes with true
    /// once the actor has terminated (its PostStop and its children's have run), or false if that
    /// takes longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is not IInternalActorRef internalRef)
        {
            throw new ArgumentException($"{target} is not a kernel actor reference.", nameof(target));
        }

        var watcher = new TerminationWatcher(target);
        internalRef.SendSystemMessage(new Watch(internalRef, watcher));
        target.Tell(stopMessage ?? PoisonPill.Instance, ActorRefs.NoSender);
        try
        {
            return await watcher.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Receives the death-watch notification directly; never registered anywhere.</summary>
    private sealed class TerminationWatcher(IActorRef target) : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), IInternalActorRef
    {
        public ActorPath Path { get; } = target.Path.Parent is { } parent ? parent / ("$stop-" + target.Path.Name) : target.Path;

        public bool IsTerminated => Task.IsCompleted;

        public void Tell(object message, IActorRef? sender = null)
        {
        }

        public void SendSystemMessage(SystemMessage message)
        {
            if (message is DeathWatchNotification)
            {
                TrySetResult(true);
            }
        }
    }
}
