namespace ProcessManager.Persistence;

/// <summary>
/// A persistent actor declaring typed handlers in its constructor: <see cref="Recover{T}"/> for events
/// and snapshots, <see cref="Command{T}"/> / <see cref="CommandAsync{T}"/> for commands. Handlers are
/// tried in declaration order. Use these instead of ReceiveActor's Receive methods.
/// <code>
/// public sealed class Counter : ReceivePersistentActor
/// {
///     private int _value;
///     public override string PersistenceId => "counter";
///     public Counter()
///     {
///         Recover&lt;Incremented&gt;(e =&gt; _value += e.By);
///         Command&lt;Increment&gt;(c =&gt; Persist(new Incremented(c.By), e =&gt; { _value += e.By; Sender.Tell(_value); }));
///     }
/// }
/// </code>
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly HandlerTable _recover = new();
    private HandlerTable _commands = new();
    private HandlerTable _building;

    protected ReceivePersistentActor()
    {
        _building = _commands;
    }

    /// <summary>Applies replayed events (and <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>) of type <typeparamref name="T"/>.</summary>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _recover.Add(Match(handler, shouldHandle));
    }

    /// <summary>Applies any replayed message not matched before.</summary>
    protected void RecoverAny(Action<object> handler) => Recover(handler);

    /// <summary>Handles commands of type <typeparamref name="T"/>.</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(Match(handler, shouldHandle));
    }

    /// <summary>Handles commands of type <typeparamref name="T"/>; returning false leaves it unhandled.</summary>
    protected void Command<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(message => message is T typed && handler(typed));
    }

    /// <summary>
    /// Handles commands with an async handler: no other command runs until it (and what it persisted)
    /// completed; continuations run on the actor.
    /// </summary>
    protected void CommandAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(message =>
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                SetCommandTask(handler(typed));
                return true;
            }

            return false;
        });
    }

    /// <summary>Handles any command not matched before.</summary>
    protected void CommandAny(Action<object> handler) => Command(handler);

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> declares (recovery handlers stay).</summary>
    protected new void Become(Action configure)
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

        _commands = table;
    }

    // ReceiveActor's handlers would never run here (commands go through Command<T>): make using them a compile error.
    private const string UseCommand = "A persistent actor handles commands with Command<T>/CommandAsync<T> and events with Recover<T>";

    [Obsolete(UseCommand, error: true)]
    protected new void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => throw new NotSupportedException(UseCommand);

    [Obsolete(UseCommand, error: true)]
    protected new void Receive<T>(Func<T, bool> handler) => throw new NotSupportedException(UseCommand);

    [Obsolete(UseCommand, error: true)]
    protected new void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) => throw new NotSupportedException(UseCommand);

    [Obsolete(UseCommand, error: true)]
    protected new void ReceiveAny(Action<object> handler) => throw new NotSupportedException(UseCommand);

    protected sealed override bool ReceiveRecover(object message) => _recover.TryHandle(message);

    protected sealed override bool ReceiveCommand(object message) => _commands.TryHandle(message);

    private sealed class HandlerTable
    {
        private Func<object, bool>[] _handlers = [];

        public void Add(Func<object, bool> handler) => _handlers = [.. _handlers, handler];

        public bool TryHandle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler(message))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static Func<object, bool> Match<T>(Action<T> handler, Predicate<T>? shouldHandle) => message =>
    {
        if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
        {
            handler(typed);
            return true;
        }

        return false;
    };
}
