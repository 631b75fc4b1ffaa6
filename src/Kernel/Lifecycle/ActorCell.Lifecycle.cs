namespace ProcessManager.Kernel;

internal sealed partial class ActorCell
{
    /// <summary>Mailbox thread writes; <see cref="IsTerminated"/> readers use the volatile flag.</summary>
    private LifecycleState _state;

    /// <summary>Set once PostStop has run and watchers are notified; read from any thread.</summary>
    private volatile bool _terminated;

    /// <summary>Cause of the restart waiting for children to stop.</summary>
    private Exception? _pendingRestartCause;

    /// <summary>Restarts of this actor since it was created (for the hierarchy view).</summary>
    private int _restartCount;

    public bool IsTerminated => _terminated;

    public LifecycleState State => _state;

    public int RestartCount => Volatile.Read(ref _restartCount);

    private void HandleCreate()
    {
        try
        {
            CreateInstance();
            _state = LifecycleState.Running;
            _actor!.InvokePreStart();
        }
        catch (Exception ex)
        {
            _state = LifecycleState.Running;
            HandleInvokeFailure(new ActorInitializationException($"Exception while creating {SelfRef.Path}: {ex.Message}", ex) { Actor = SelfRef });
        }
    }

    private void CreateInstance()
    {
        _behaviorStack?.Clear();
        _supervisorStrategy = null;
        _actor = null;
        _actor = Props.NewActor();
    }

    private void HandleTerminate()
    {
        if (_state >= LifecycleState.Terminating)
        {
            return;
        }

        _state = LifecycleState.Terminating;
        Mailbox.Suspend();
        _timers?.CancelAll();
        StopAllChildren();
        if (!HasChildren())
        {
            FinishTerminate();
        }
    }

    /// <summary>
    /// Final stop order: PostStop, then the reference goes dead, then leftover and stashed messages
    /// become dead letters, then parent and watchers are told, then our own watches are dropped.
    /// </summary>
    private void FinishTerminate()
    {
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                System.LogError(ex, SelfRef.Path.ToString(), Props.ActorType, $"PostStop of {SelfRef.Path} failed: {ex.Message}");
            }
        }

        _state = LifecycleState.Terminated;
        _terminated = true;
        _timers?.CancelAll();
        if (_stash is not null)
        {
            foreach (var envelope in _stash.ClearStash())
            {
                ToDeadLetters(envelope);
            }
        }

        foreach (var envelope in Mailbox.DrainUser())
        {
            ToDeadLetters(envelope);
        }

        ParentRef.SendSystemMessage(new DeathWatchNotification(SelfRef));
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
            {
                if (!ReferenceEquals(watcher, ParentRef))
                {
                    watcher.SendSystemMessage(new DeathWatchNotification(SelfRef));
                }
            }

            _watchedBy = null;
        }

        if (_watching is not null)
        {
            foreach (var watchee in _watching.Keys)
            {
                ((IInternalActorRef)watchee).SendSystemMessage(new Unwatch((IInternalActorRef)watchee, SelfRef));
            }

            _watching = null;
        }

        _actor = null;
        _behaviorStack = null;
        _current = default;
    }

    private void HandleRecreate(Exception cause)
    {
        if (_state >= LifecycleState.Terminating)
        {
            return;
        }

        Interlocked.Increment(ref _restartCount);
        _timers?.CancelAll();
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePreRestart(cause, _failedMessage);
            }
            catch (Exception ex)
            {
                System.LogError(ex, SelfRef.Path.ToString(), Props.ActorType, $"PreRestart of {SelfRef.Path} failed: {ex.Message}");
            }
        }

        if (_stash is not null && _stash.Count > 0)
        {
            Mailbox.PushFront(_stash.ClearStash());
        }

        _actor = null;
        _behaviorStack = null;
        _failedMessage = null;
        _state = LifecycleState.Restarting;
        _pendingRestartCause = cause;
        if (!HasStoppingChildren())
        {
            FinishRecreate();
        }
    }

    /// <summary>New instance after the children stopped by PreRestart are gone; surviving
    /// children (PreRestart overridden) are resumed.</summary>
    private void FinishRecreate()
    {
        var cause = _pendingRestartCause!;
        _pendingRestartCause = null;
        _state = LifecycleState.Running;
        if (_failure is not null)
        {
            _failure = null;
            Mailbox.Resume();
            foreach (var child in LiveChildren())
            {
                child.SendSystemMessage(new Resume(null));
            }
        }

        try
        {
            CreateInstance();
            _actor!.InvokePostRestart(cause);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(new ActorInitializationException($"Exception while restarting {SelfRef.Path}: {ex.Message}", ex) { Actor = SelfRef });
        }
    }
}
