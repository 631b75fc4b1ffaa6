namespace ProcessManager.Kernel;

/// <summary>
/// An actor that declares typed handlers in its constructor. Handlers are tried in declaration
/// order; the first whose type (and predicate) matches handles the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private HandlerTable _building = new();
    private HandlerTable _initial;

    protected ReceiveActor()
    {
        _initial = _building;
    }

    protected sealed override bool Receive(object message) => _initial.TryHandle(message, Cell);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new SyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type T for which <paramref name="shouldHandle"/> is true.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        Receive(handler, shouldHandle);
    }

    /// <summary>Handler returning false leaves the message unhandled.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new PredicateHandler<T>(handler));
    }

    /// <summary>No further user message is processed until the returned task completes; its
    /// continuations run on the actor (Context stays usable after await).</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new AsyncHandler<T>(handler, shouldHandle));
    }

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ReceiveAsync(handler, shouldHandle);
    }

    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new SyncHandler<object>(handler, null));
    }

    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new AsyncHandler<object>(handler, null));
    }

    /// <summary>Replaces the handlers with those <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Cell.Become(Build(configure));

    /// <summary>Pushes handlers declared by <paramref name="configure"/>; UnbecomeStacked returns.</summary>
    protected void BecomeStacked(Action configure) => Cell.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Cell.UnbecomeStacked();

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _building;
        var table = new HandlerTable();
        _building = table;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }

        var cell = Cell;
        return message => table.TryHandle(message, cell);
    }

    private sealed class HandlerTable
    {
        private Handler[] _handlers = [];

        public void Add(Handler handler) => _handlers = [.. _handlers, handler];

        public bool TryHandle(object message, ActorCell cell)
        {
            foreach (var handler in _handlers)
            {
                if (handler.TryHandle(message, cell))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message, ActorCell cell);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class PredicateHandler<T>(Func<T, bool> handler) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell) => message is T typed && handler(typed);
    }

    private sealed class AsyncHandler<T>(Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                cell.RunAsyncHandler(handler, typed);
                return true;
            }

            return false;
        }
    }
}
