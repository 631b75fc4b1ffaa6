namespace ProcessManager.Kernel;

public static class PipeToExtensions
{
    /// <summary>
    /// When the task completes, sends its result to <paramref name="recipient"/> (mapped by
    /// <paramref name="success"/> if given), or <see cref="Status.Failure"/> (mapped by
    /// <paramref name="failure"/> if given) when it fails or is cancelled. Use it to turn async
    /// work inside an actor into a message instead of awaiting it.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        sender ??= ActorCell.Current?.Self ?? ActorRefs.NoSender;
        return task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    object? message = success is null ? t.Result : success(t.Result);
                    recipient.Tell(message ?? new Status.Success(null), sender);
                }
                else
                {
                    var cause = Unwrap(t);
                    recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Sends <paramref name="success"/>() (default <c>Status.Success(null)</c>) or a failure when the task completes.</summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        sender ??= ActorCell.Current?.Self ?? ActorRefs.NoSender;
        return task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    recipient.Tell(success is null ? new Status.Success(null) : success(), sender);
                }
                else
                {
                    var cause = Unwrap(t);
                    recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static Exception Unwrap(Task task) =>
        task.IsCanceled ? new TaskCanceledException(task) : task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerExceptions[0] : task.Exception;
}
