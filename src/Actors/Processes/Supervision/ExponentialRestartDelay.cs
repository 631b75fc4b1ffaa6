namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>
/// delay = min(max, min·2^n)·(1 + r·randomFactor), r uniform in [0, 1): doubles per restart, is capped at max
/// before jitter, and jitter only lengthens it, so that instances crashing together do not restart in lock-step.
/// A zero min restarts at once, every time. The formula is Akka's BackoffSupervisor's; ours keeps a zero min
/// legal and the random source injectable.
/// </summary>
public sealed class ExponentialRestartDelay : IRestartDelayPolicy
{
    /// <summary>Largest random factor accepted.</summary>
    public const double MaxRandomFactor = 10;

    private readonly Func<double> _random;

    /// <param name="random">Source of r in [0, 1); default <see cref="Random.Shared"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative min, a max below min, or a random factor outside 0..10.</exception>
    public ExponentialRestartDelay(TimeSpan min, TimeSpan max, double randomFactor, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"max must be >= min ({min}).");
        }

        if (randomFactor is < 0 or > MaxRandomFactor || double.IsNaN(randomFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, $"randomFactor must be between 0 and {MaxRandomFactor}.");
        }

        Min = min;
        Max = max;
        RandomFactor = randomFactor;
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan Min { get; }

    public TimeSpan Max { get; }

    public double RandomFactor { get; }

    public TimeSpan NextDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var capped = Min == TimeSpan.Zero ? TimeSpan.Zero
            : attempt >= 30 ? Max
            : TimeSpan.FromTicks((long)Math.Min(Max.Ticks, Min.Ticks * Math.Pow(2, attempt)));
        var jitter = 1 + (_random() * RandomFactor);
        // Half of TimeSpan.MaxValue at most: a huge max times a large factor stays a valid TimeSpan.
        return TimeSpan.FromTicks((long)Math.Min(capped.Ticks * jitter, TimeSpan.MaxValue.Ticks / 2));
    }
}
