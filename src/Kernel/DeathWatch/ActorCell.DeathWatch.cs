namespace ProcessManager.Kernel;

internal sealed partial class ActorCell
{
    /// <summary>Actors we watch, with the custom message from WatchWith (null = Terminated).</summary>
    private Dictionary<IActorRef, object?>? _watching;

    /// <summary>Actors watching us.</summary>
    private HashSet<IInternalActorRef>? _watchedBy;

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(subject, message);
    }

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        var target = AsInternal(subject);
        if (ReferenceEquals(target, SelfRef) || _state >= LifecycleState.Terminating)
        {
            return subject;
        }

        _watching ??= [];
        var isNew = !_watching.ContainsKey(target);
        _watching[target] = message;
        if (isNew)
        {
            target.SendSystemMessage(new Watch(target, SelfRef));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = AsInternal(subject);
        if (_watching is not null && _watching.Remove(target))
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }

        return subject;
    }

    private static IInternalActorRef AsInternal(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject as IInternalActorRef ?? throw new ArgumentException($"{subject} is not a kernel actor reference.", nameof(subject));
    }

    private void HandleWatch(Watch watch)
    {
        if (!ReferenceEquals(watch.Watchee, SelfRef) || ReferenceEquals(watch.Watcher, SelfRef))
        {
            return;
        }

        if (_state == LifecycleState.Terminated)
        {
            // Already dead: answer at once, so watching a dead actor still yields one Terminated.
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef));
            return;
        }

        (_watchedBy ??= []).Add(watch.Watcher);
    }

    private void HandleUnwatch(Unwatch unwatch) => _watchedBy?.Remove(unwatch.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        if (RemoveChild(notification.Actor))
        {
            OnChildTerminated();
        }

        if (_state < LifecycleState.Terminating && _watching is not null && _watching.ContainsKey(notification.Actor))
        {
            // Through the user queue, after messages already sent; DeliverTerminated re-checks the
            // watch, so Unwatch in between suppresses it and duplicates collapse into one.
            Mailbox.Post(new Envelope(new DeliverTerminated(notification.Actor), notification.Actor));
        }
    }

    private void OnChildTerminated()
    {
        if (_state == LifecycleState.Terminating && !HasChildren())
        {
            FinishTerminate();
        }
        else if (_state == LifecycleState.Restarting && !HasStoppingChildren())
        {
            FinishRecreate();
        }
    }
}
