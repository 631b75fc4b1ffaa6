namespace ProcessManager.Kernel;

internal sealed partial class ActorCell
{
    /// <summary>The async handler holding the mailbox; null when none.</summary>
    private Task? _asyncPending;

    private ActorSynchronizationContext? _synchronizationContext;

    /// <summary>Runs an async handler: continuations are posted back to this mailbox, and user
    /// messages are held until the task completes (system messages keep flowing).</summary>
    internal void RunAsyncHandler<T>(Func<T, Task> handler, T message)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext ??= new ActorSynchronizationContext(this));
        Task task;
        try
        {
            task = handler(message);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            // Fast path: rethrows a synchronous failure into the normal failure handling.
            task.GetAwaiter().GetResult();
            return;
        }

        _asyncPending = task;
        Mailbox.Suspend();
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).SelfRef.SendSystemMessage(new AsyncHandlerCompleted(t)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandleAsyncCompleted(AsyncHandlerCompleted completed)
    {
        if (!ReferenceEquals(completed.Task, _asyncPending))
        {
            return;
        }

        _asyncPending = null;
        Mailbox.Resume();
        if (completed.Task.IsFaulted || completed.Task.IsCanceled)
        {
            var cause = completed.Task.Exception?.InnerException ?? new TaskCanceledException(completed.Task);
            if (_state < LifecycleState.Terminating)
            {
                HandleInvokeFailure(cause);
            }
        }

        if (_failure is null)
        {
            _current = default;
        }
    }

    private void RunContinuationOnActor(RunContinuation continuation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Posts await continuations of async handlers to the actor's own mailbox, so actor
    /// state is never touched by two threads.</summary>
    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            cell.SelfRef.SendSystemMessage(new RunContinuation(d, state));

        public override void Send(SendOrPostCallback d, object? state) => d(state);

        public override SynchronizationContext CreateCopy() => this;
    }
}
