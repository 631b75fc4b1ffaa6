namespace ProcessManager.Kernel;

/// <summary>
/// Temporary reply target of one Ask: completes with the first message it receives. It is not
/// registered anywhere, so nothing is left behind after completion, timeout or cancellation; the
/// timer and the cancellation registration are released on completion.
/// </summary>
internal sealed class PromiseActorRef : TaskCompletionSource<object?>, IInternalActorRef
{
    private static long s_next;

    private readonly ActorSystem _system;
    private readonly object _message;
    private readonly IActorRef _target;
    private readonly TimeSpan _timeout;
    private ActorPath? _path;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;

    public PromiseActorRef(ActorSystem system, IActorRef target, object message, TimeSpan timeout)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _system = system;
        _target = target;
        _message = message;
        _timeout = timeout;
    }

    public ActorPath Path => _path ??= _system.TempPath / ("$" + Interlocked.Increment(ref s_next).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool IsTerminated => Task.IsCompleted;

    public void Start(CancellationToken cancellationToken)
    {
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = _system.TimeProvider.CreateTimer(static s => ((PromiseActorRef)s!).OnTimeout(), this, _timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (s, token) => ((PromiseActorRef)s!).OnCancelled(token), this);
        }
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (TrySetResult(message))
        {
            Release();
        }
        else
        {
            _system.DeadLetterRef.Deliver(message, ReferenceEquals(sender, ActorRefs.NoSender) ? null : sender, this);
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch && Task.IsCompleted)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }

    private void OnTimeout()
    {
        if (TrySetException(new AskTimeoutException(
            $"Ask of {_target.Path} with {_message.GetType().Name} timed out after {_timeout.TotalMilliseconds:0.###} ms.")))
        {
            Release();
        }
    }

    private void OnCancelled(CancellationToken token)
    {
        if (TrySetCanceled(token))
        {
            Release();
        }
    }

    private void Release()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }

    public override string ToString() => $"Promise[{Path}]";
}
