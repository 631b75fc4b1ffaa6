namespace ProcessManager.Kernel;

public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and returns its first reply as
    /// <typeparamref name="T"/>. A <see cref="Status.Failure"/> reply rethrows its cause; no reply
    /// within the timeout (default <see cref="ActorSystemSettings.DefaultAskTimeout"/>) throws
    /// <see cref="AskTimeoutException"/>; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(receiver);
        var effective = timeout ?? system.Settings.DefaultAskTimeout;
        if (effective <= TimeSpan.Zero && effective != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), effective, "Ask timeout must be positive or infinite.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var promise = new PromiseActorRef(system, receiver, message, effective);
        promise.Start(cancellationToken);
        receiver.Tell(message, promise);
        var task = promise.Task;
        if (task.IsCompletedSuccessfully && task.Result is T immediate)
        {
            return Task.FromResult(immediate);
        }

        return Convert<T>(task, receiver);
    }

    public static Task<object?> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        receiver.Ask<object?>(message, timeout, cancellationToken);

    private static async Task<T> Convert<T>(Task<object?> reply, IActorRef receiver)
    {
        var result = await reply.ConfigureAwait(false);
        return result switch
        {
            T typed => typed,
            Status.Failure failure => throw failure.Cause,
            null when default(T) is null => default!,
            _ => throw new InvalidCastException(
                $"Ask of {receiver.Path} expected a reply of type {typeof(T).Name} but got {result?.GetType().Name ?? "null"}."),
        };
    }

    private static ActorSystem SystemOf(IActorRef receiver) => receiver switch
    {
        LocalActorRef local => local.Cell.System,
        PromiseActorRef => throw new ArgumentException("Cannot ask a temporary ask reference.", nameof(receiver)),
        _ => ActorCell.Current?.System ?? throw new ArgumentException($"Cannot ask {receiver}: it does not belong to a running actor system.", nameof(receiver)),
    };
}
