namespace ProcessManager.Persistence;

/// <summary>A persistent actor with one method for recovery and one for commands.</summary>
public abstract class UntypedPersistentActor : PersistentActor
{
    /// <summary>Applies a replayed event, <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/>.</summary>
    protected abstract void OnRecover(object message);

    /// <summary>Handles a command; call Unhandled for messages it does not understand.</summary>
    protected abstract void OnCommand(object message);

    protected sealed override bool ReceiveRecover(object message)
    {
        OnRecover(message);
        return true;
    }

    protected sealed override bool ReceiveCommand(object message)
    {
        OnCommand(message);
        return true;
    }
}
