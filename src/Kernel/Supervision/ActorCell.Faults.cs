namespace ProcessManager.Kernel;

internal sealed partial class ActorCell
{
    /// <summary>The failure reported to the parent and not yet decided; user messages are held meanwhile.</summary>
    private Exception? _failure;

    /// <summary>The message whose handling failed, passed to PreRestart.</summary>
    private object? _failedMessage;

    /// <summary>Strategy for this actor's children, resolved on first failure of a child.</summary>
    private SupervisorStrategy? _supervisorStrategy;

    private SupervisorStrategy Strategy =>
        _supervisorStrategy ??= Props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;

    /// <summary>Own failure: hold user messages, suspend children, ask the parent what to do.</summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if (_state >= LifecycleState.Terminating || _failure is not null)
        {
            System.LogError(cause, SelfRef.Path.ToString(), Props.ActorType, $"{SelfRef.Path} failed while {(_failure is null ? "stopping" : "already failed")}: {cause.Message}");
            return;
        }

        _failure = cause;
        _failedMessage = _current.Message;
        HandleSuspend();
        ParentRef.SendSystemMessage(new Failed(SelfRef, cause));
    }

    private void HandleSuspend()
    {
        Mailbox.Suspend();
        foreach (var child in LiveChildren())
        {
            child.SendSystemMessage(new Suspend());
        }
    }

    private void HandleResume(Exception? causedByFailure)
    {
        if (_state >= LifecycleState.Terminating)
        {
            return;
        }

        if (causedByFailure is not null)
        {
            if (_failure is null)
            {
                return;
            }

            _failure = null;
            _failedMessage = null;
            _current = default;
        }

        Mailbox.Resume();
        foreach (var child in LiveChildren())
        {
            child.SendSystemMessage(new Resume(null));
        }
    }

    /// <summary>A child failed: decide with the strategy, or escalate by failing ourselves.</summary>
    private void HandleFailed(Failed failed)
    {
        if (_state >= LifecycleState.Terminating || GetRestartStatistics(failed.Child) is null)
        {
            return;
        }

        var strategy = Strategy;
        var directive = strategy.Decider(failed.Cause);
        if (strategy.LoggingEnabled && directive != Directive.Escalate)
        {
            System.LogError(failed.Cause, failed.Child.Path.ToString(), null, $"{failed.Child.Path} failed ({directive}): {failed.Cause.Message}");
        }

        if (!strategy.HandleFailure(this, failed.Child, failed.Cause, directive))
        {
            HandleInvokeFailure(failed.Cause);
        }
    }
}
