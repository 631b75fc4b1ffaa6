namespace ProcessManager.Kernel;

/// <summary>
/// delay = min(max, min·2^n)·(1 + r·randomFactor), r uniform in [0, 1): doubles per restart,
/// is capped at <see cref="MaxBackoff"/> before jitter, and jitter only lengthens the delay.
/// </summary>
public sealed class ExponentialBackoffDelayPolicy : IBackoffDelayPolicy
{
    private readonly Func<double> _random;

    /// <param name="random">Source of r in [0, 1); default <see cref="Random.Shared"/>.</param>
    public ExponentialBackoffDelayPolicy(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, Func<double>? random = null)
        : this(minBackoff, maxBackoff, randomFactor, random, validated: false)
    {
    }

    private ExponentialBackoffDelayPolicy(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, Func<double>? random, bool validated)
    {
        if (!validated)
        {
            BackoffOptions.Validate(minBackoff, maxBackoff, randomFactor);
        }

        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Largest random factor <see cref="AllowingImmediateRestart"/> accepts.</summary>
    public const double MaxImmediateRandomFactor = 10;

    public TimeSpan MinBackoff { get; }

    public TimeSpan MaxBackoff { get; }

    public double RandomFactor { get; }

    /// <summary>
    /// Like the constructor, but <paramref name="minBackoff"/> may be zero (every delay is then zero: restart
    /// at once) and <paramref name="randomFactor"/> may reach <see cref="MaxImmediateRandomFactor"/>. For
    /// supervisors of OS programs, where "no backoff" is a legitimate setting.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative min, a max below min, or a random factor outside 0..10 (the parameter is named).</exception>
    public static ExponentialBackoffDelayPolicy AllowingImmediateRestart(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minBackoff, TimeSpan.Zero);
        if (maxBackoff < minBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, $"maxBackoff must be >= minBackoff ({minBackoff}).");
        }

        if (randomFactor is < 0 or > MaxImmediateRandomFactor || double.IsNaN(randomFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, $"randomFactor must be between 0 and {MaxImmediateRandomFactor}.");
        }

        return new ExponentialBackoffDelayPolicy(minBackoff, maxBackoff, randomFactor, random, validated: true);
    }

    public TimeSpan NextDelay(int restartCount, Exception? reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(restartCount);
        // A zero min (only through AllowingImmediateRestart) doubles to zero forever: restart at once.
        var capped = MinBackoff == TimeSpan.Zero ? TimeSpan.Zero
            : restartCount >= 30 ? MaxBackoff
            : TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, restartCount)));
        var jitter = 1 + (_random() * RandomFactor);
        // Half of TimeSpan.MaxValue at most: a huge max times a large factor stays a valid TimeSpan.
        return TimeSpan.FromTicks((long)Math.Min(capped.Ticks * jitter, TimeSpan.MaxValue.Ticks / 2));
    }
}
