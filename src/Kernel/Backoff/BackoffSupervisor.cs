namespace ProcessManager.Kernel;

/// <summary>
/// Keeps one child alive, restarting it after growing delays. Forwards every other message to
/// the current child (keeping the sender); while the child is absent, messages go to dead letters
/// or get <see cref="BackoffOptions.ReplyWhileStopped"/>. Tells a listener about each start and
/// each scheduled restart.
/// </summary>
public sealed class BackoffSupervisor : ActorBase, IWithTimers
{
    private const string RestartTimer = "backoff-restart";
    private const string ResetTimer = "backoff-reset";

    private readonly BackoffOptions _options;
    private readonly IBackoffDelayPolicy _policy;

    /// <summary>The running child; null while waiting to restart.</summary>
    private IActorRef? _child;

    /// <summary>Restarts since the last reset.</summary>
    private int _restartCount;

    /// <summary>Set by the decider when the child fails; consumed when its Terminated arrives.</summary>
    private Exception? _lastFailure;

    /// <summary>OnFailure mode: the child is stopping because the decider chose Restart.</summary>
    private bool _stoppedForRestart;

    public BackoffSupervisor(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _policy = options.EffectiveDelayPolicy;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Kernel.Props.Create(() => new BackoffSupervisor(options));
    }

    /// <summary>Ask for the child: answered with <see cref="CurrentChild"/>.</summary>
    public sealed class GetCurrentChild
    {
        public static readonly GetCurrentChild Instance = new();

        private GetCurrentChild()
        {
        }
    }

    /// <param name="Ref">The running child, or null while it is being restarted.</param>
    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Sets the restart count (and so the next delay) back to the start.</summary>
    public sealed class Reset
    {
        public static readonly Reset Instance = new();

        private Reset()
        {
        }
    }

    /// <summary>Ask for the restart count: answered with <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount
    {
        public static readonly GetRestartCount Instance = new();

        private GetRestartCount()
        {
        }
    }

    public sealed record RestartCount(int Count);

    private sealed record StartChild;

    private sealed record ResetRestartCount(int Current);

    protected override void PreStart() => StartChildNow();

    protected override SupervisorStrategy SupervisorStrategy()
    {
        var inner = _options.Strategy;
        if (_options.Mode == BackoffMode.OnStop)
        {
            var strategy = inner ?? Kernel.SupervisorStrategy.DefaultStrategy;
            return new OneForOneStrategy(strategy.MaxNrOfRetries, strategy.WithinTimeRange, e =>
            {
                _lastFailure = e;
                return strategy.Decider(e);
            });
        }

        var decider = inner?.Decider ?? (static _ => Directive.Restart);
        return new OneForOneStrategy(e =>
        {
            var directive = decider(e);
            _lastFailure = e;
            if (directive == Directive.Restart)
            {
                _stoppedForRestart = true;
                return Directive.Stop;
            }

            return directive;
        });
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated terminated when ReferenceEquals(terminated.ActorRef, _child):
                OnChildTerminated();
                return true;
            case StartChild:
                if (_child is null)
                {
                    StartChildNow();
                }

                return true;
            case ResetRestartCount reset:
                if (_child is not null && reset.Current == _restartCount)
                {
                    _restartCount = 0;
                }

                return true;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child));
                return true;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount));
                return true;
            case Reset:
                _restartCount = 0;
                Timers.Cancel(ResetTimer);
                return true;
            case Terminated:
                return true;
            default:
                Forward(message);
                return true;
        }
    }

    private void Forward(object message)
    {
        if (_child is not null)
        {
            _child.Forward(message);
        }
        else if (_options.ReplyWhileStopped is { } reply)
        {
            Sender.Tell(reply);
        }
        else
        {
            Cell.System.DeadLetterRef.Deliver(message, Cell.CurrentSender, Self);
        }
    }

    private void StartChildNow()
    {
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        _stoppedForRestart = false;
        _lastFailure = null;
        Notify(new BackoffChildStarted(_child, _restartCount));
        if (_restartCount > 0 && _options.ResetBackoffAfter is { } stable)
        {
            Timers.StartSingleTimer(ResetTimer, new ResetRestartCount(_restartCount), stable);
        }
    }

    private void OnChildTerminated()
    {
        _child = null;
        Timers.Cancel(ResetTimer);
        var failure = _lastFailure;
        if (_options.Mode == BackoffMode.OnFailure && !_stoppedForRestart)
        {
            GiveUp(failure);
            return;
        }

        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            GiveUp(failure);
            return;
        }

        var delay = _policy.NextDelay(_restartCount, failure);
        _restartCount++;
        Timers.StartSingleTimer(RestartTimer, new StartChild(), delay);
        Notify(new BackoffRestartScheduled(_restartCount, delay, failure));
    }

    private void GiveUp(Exception? failure)
    {
        Notify(new BackoffGaveUp(_restartCount, failure));
        Context.Stop(Self);
    }

    private void Notify(object message)
    {
        var listener = _options.Listener ?? Context.Parent;
        var system = Context.System;
        if (!ReferenceEquals(listener, system.UserGuardian) && !ReferenceEquals(listener, system.SystemGuardian))
        {
            listener.Tell(message, Self);
        }
    }
}
