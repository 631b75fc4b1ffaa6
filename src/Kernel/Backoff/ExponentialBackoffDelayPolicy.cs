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
    {
        BackoffOptions.Validate(minBackoff, maxBackoff, randomFactor);
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan MinBackoff { get; }

    public TimeSpan MaxBackoff { get; }

    public double RandomFactor { get; }

    public TimeSpan NextDelay(int restartCount, Exception? reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(restartCount);
        var capped = restartCount >= 30
            ? MaxBackoff
            : TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, restartCount)));
        var jitter = 1 + (_random() * RandomFactor);
        return TimeSpan.FromTicks((long)(capped.Ticks * jitter));
    }
}
