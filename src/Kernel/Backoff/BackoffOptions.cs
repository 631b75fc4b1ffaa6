namespace ProcessManager.Kernel;

/// <summary>When the backoff supervisor restarts its child.</summary>
public enum BackoffMode
{
    /// <summary>Restart after the child fails (an exception the decider answers with Restart);
    /// a child that stops by itself stops the supervisor too.</summary>
    OnFailure,

    /// <summary>Restart whenever the child stops, for any reason.</summary>
    OnStop,
}

/// <summary>Settings of a <see cref="BackoffSupervisor"/>; build with <see cref="Backoff.OnFailure"/>
/// or <see cref="Backoff.OnStop"/>, then the With* methods.</summary>
public sealed record BackoffOptions
{
    internal BackoffOptions(BackoffMode mode, Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentException.ThrowIfNullOrWhiteSpace(childName);
        Validate(minBackoff, maxBackoff, randomFactor);
        Mode = mode;
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        ResetBackoffAfter = minBackoff;
    }

    public BackoffMode Mode { get; }

    public Props ChildProps { get; }

    public string ChildName { get; }

    public TimeSpan MinBackoff { get; }

    public TimeSpan MaxBackoff { get; }

    /// <summary>Jitter in [0, 1]: each delay is lengthened by up to this fraction.</summary>
    public double RandomFactor { get; }

    /// <summary>The restart count returns to 0 once a child has run this long (default MinBackoff;
    /// null = only on <see cref="BackoffSupervisor.Reset"/>).</summary>
    public TimeSpan? ResetBackoffAfter { get; init; }

    /// <summary>Restarts allowed before the supervisor stops itself; -1 = unlimited (default).</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    /// <summary>Decides child failures. OnFailure default: Restart for every exception (Restart means
    /// "stop, then start again after the backoff"). OnStop default: the default strategy.</summary>
    public SupervisorStrategy? Strategy { get; init; }

    /// <summary>Reply to messages arriving while the child is absent; null = dead letters (default).</summary>
    public object? ReplyWhileStopped { get; init; }

    /// <summary>Delay policy; null = <see cref="ExponentialBackoffDelayPolicy"/> on Min/Max/RandomFactor.</summary>
    public IBackoffDelayPolicy? DelayPolicy { get; init; }

    /// <summary>Receives <see cref="BackoffChildStarted"/>, <see cref="BackoffRestartScheduled"/> and
    /// <see cref="BackoffGaveUp"/>; null = the supervisor's parent (default).</summary>
    public IActorRef? Listener { get; init; }

    public BackoffOptions WithAutoReset(TimeSpan resetBackoffAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resetBackoffAfter, TimeSpan.Zero);
        return this with { ResetBackoffAfter = resetBackoffAfter };
    }

    public BackoffOptions WithManualReset() => this with { ResetBackoffAfter = null };

    public BackoffOptions WithMaxNrOfRetries(int maxNrOfRetries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        return this with { MaxNrOfRetries = maxNrOfRetries };
    }

    public BackoffOptions WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return this with { Strategy = strategy };
    }

    public BackoffOptions WithReplyWhileStopped(object reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return this with { ReplyWhileStopped = reply };
    }

    public BackoffOptions WithDelayPolicy(IBackoffDelayPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return this with { DelayPolicy = policy };
    }

    public BackoffOptions WithListener(IActorRef listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return this with { Listener = listener };
    }

    internal IBackoffDelayPolicy EffectiveDelayPolicy => DelayPolicy ?? new ExponentialBackoffDelayPolicy(MinBackoff, MaxBackoff, RandomFactor);

    internal static void Validate(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        if (minBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, "minBackoff must be positive.");
        }

        if (maxBackoff < minBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, $"maxBackoff must be >= minBackoff ({minBackoff}).");
        }

        if (randomFactor is < 0 or > 1 || double.IsNaN(randomFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "randomFactor must be between 0.0 and 1.0.");
        }
    }
}

/// <summary>Builders for <see cref="BackoffOptions"/>.</summary>
public static class Backoff
{
    public static BackoffOptions OnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, int maxNrOfRetries = -1) =>
        new BackoffOptions(BackoffMode.OnFailure, childProps, childName, minBackoff, maxBackoff, randomFactor).WithMaxNrOfRetries(maxNrOfRetries);

    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, int maxNrOfRetries = -1) =>
        new BackoffOptions(BackoffMode.OnStop, childProps, childName, minBackoff, maxBackoff, randomFactor).WithMaxNrOfRetries(maxNrOfRetries);
}
