namespace ProcessManager.Kernel;

/// <summary>Immutable recipe for creating an actor: its type, a factory and optional supervision.</summary>
public sealed record Props
{
    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        Factory = factory;
    }

    public Type ActorType { get; }

    internal Func<ActorBase> Factory { get; }

    /// <summary>Strategy this actor applies to its children; null = the actor's own
    /// <see cref="ActorBase.SupervisorStrategy"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; init; }

    /// <summary>Stash bound for this actor; null = <see cref="ActorSystemSettings.StashCapacity"/>.</summary>
    public int? StashCapacity { get; init; }

    public static Props Create<T>() where T : ActorBase, new() => new(typeof(T), static () => new T());

    public static Props Create<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory);
    }

    /// <summary>By reflection, with constructor arguments.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
        {
            throw new ArgumentException($"{actorType} is not a concrete ActorBase type.", nameof(actorType));
        }

        return new Props(actorType, () => (ActorBase)Activator.CreateInstance(actorType, args)!);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => this with { SupervisorStrategy = strategy };

    public Props WithStashCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return this with { StashCapacity = capacity };
    }

    internal ActorBase NewActor() => Factory();
}
