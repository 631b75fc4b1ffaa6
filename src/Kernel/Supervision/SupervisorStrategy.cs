namespace ProcessManager.Kernel;

/// <summary>Chooses a directive for a failed child (the decider) and applies it.</summary>
public abstract class SupervisorStrategy
{
    /// <summary>
    /// The default decider: stop on <see cref="ActorInitializationException"/>,
    /// <see cref="ActorKilledException"/> and <see cref="DeathPactException"/>; restart otherwise.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(static _ => Directive.Stop);

    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (maxNrOfRetries < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNrOfRetries), maxNrOfRetries, "maxNrOfRetries must be -1 (unlimited) or >= 0.");
        }

        if (withinTimeRange is { } range && range <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), range, "withinTimeRange must be positive (or null for no window).");
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restarts allowed per child within <see cref="WithinTimeRange"/>; -1 = unlimited (default).</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>Window for <see cref="MaxNrOfRetries"/>; null = no window (default).</summary>
    public TimeSpan? WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are published as error log events (default true).</summary>
    public bool LoggingEnabled { get; init; } = true;

    /// <summary>Applies the directive for a failed child; returns false to escalate.</summary>
    internal abstract bool HandleFailure(ActorCell supervisor, IInternalActorRef child, Exception cause, Directive directive);

    internal bool RequestRestart(ActorCell supervisor, IInternalActorRef child) =>
        supervisor.GetRestartStatistics(child)?.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, supervisor.System.TimeProvider) ?? false;
}
