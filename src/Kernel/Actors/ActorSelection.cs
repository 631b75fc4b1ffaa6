namespace ProcessManager.Kernel;

/// <summary>An actor looked up by absolute path (e.g. <c>/user/processes/web-0</c>) each time it
/// is used; no wildcards. Messages to a path with no actor become dead letters.</summary>
public sealed class ActorSelection
{
    private readonly ActorSystem _system;

    internal ActorSelection(ActorSystem system, string path)
    {
        _system = system;
        PathString = path;
    }

    public string PathString { get; }

    public void Tell(object message, IActorRef? sender = null)
    {
        var target = Resolve();
        if (target.IsNobody())
        {
            _system.DeadLetterRef.Deliver(message, ReferenceEquals(sender, ActorRefs.NoSender) ? null : sender ?? ActorCell.Current?.Self, _system.DeadLetters);
            return;
        }

        target.Tell(message, sender);
    }

    /// <summary>The actor currently at the path; throws <see cref="ActorNotFoundException"/> if none.</summary>
    public Task<IActorRef> ResolveOne(TimeSpan? timeout = null)
    {
        var target = Resolve();
        return target.IsNobody()
            ? Task.FromException<IActorRef>(new ActorNotFoundException($"No actor at '{PathString}'."))
            : Task.FromResult(target);
    }

    /// <summary>The actor at the path now, or <see cref="ActorRefs.Nobody"/>.</summary>
    public IActorRef Resolve()
    {
        var elements = PathString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (elements.Length == 0)
        {
            return ActorRefs.Nobody;
        }

        IActorRef current = elements[0] switch
        {
            "user" => _system.UserGuardian,
            "system" => _system.SystemGuardian,
            _ => ActorRefs.Nobody,
        };
        for (var i = 1; i < elements.Length && current is LocalActorRef local; i++)
        {
            current = local.Cell.Child(elements[i]);
        }

        return current is IInternalActorRef { IsTerminated: true } ? ActorRefs.Nobody : current;
    }

    public override string ToString() => $"ActorSelection[{PathString}]";
}

public sealed class ActorNotFoundException : ActorException
{
    public ActorNotFoundException()
    {
    }

    public ActorNotFoundException(string message)
        : base(message)
    {
    }

    public ActorNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
