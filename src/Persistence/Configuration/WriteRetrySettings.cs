namespace ProcessManager.Persistence.Configuration;

/// <summary>
/// How a write that failed for a transient reason (a busy database, a dropped server connection) is
/// tried again before it counts as failed: <see cref="MaxTries"/> tries in all, waiting
/// <see cref="FirstDelay"/> after the first failure and twice as long after each further one.
/// </summary>
public sealed record WriteRetrySettings
{
    /// <summary><c>write-retry.max-tries</c>: tries per write in all (1 = no retry). Default 6.</summary>
    public int MaxTries { get; init; } = 6;

    /// <summary><c>write-retry.first-delay</c>: the wait after the first failure; it doubles after each further one. Default 50 ms.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    internal void Validate()
    {
        if (MaxTries is < 1 or > 20)
        {
            throw new ArgumentException($"pbm.persistence.write-retry.max-tries must be within 1..20 (was {MaxTries})");
        }

        if (FirstDelay < TimeSpan.Zero || FirstDelay > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"pbm.persistence.write-retry.first-delay must be within 0..10s (was {FirstDelay})");
        }
    }
}
