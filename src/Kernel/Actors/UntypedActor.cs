namespace ProcessManager.Kernel;

/// <summary>An actor with one <see cref="OnReceive"/> method; call <see cref="ActorBase.Unhandled"/>
/// for messages it does not understand.</summary>
public abstract class UntypedActor : ActorBase
{
    protected abstract void OnReceive(object message);

    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    /// <summary>Replaces the behavior with <paramref name="receive"/>.</summary>
    protected void Become(Action<object> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Cell.Become(message =>
        {
            receive(message);
            return true;
        });
    }

    /// <summary>Pushes <paramref name="receive"/>; <see cref="IActorContext.UnbecomeStacked"/> pops it.</summary>
    protected void BecomeStacked(Action<object> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Cell.BecomeStacked(message =>
        {
            receive(message);
            return true;
        });
    }
}
