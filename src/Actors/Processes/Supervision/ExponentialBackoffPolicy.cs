using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>
/// min * 2^(attempt-1), capped at max, then stretched by a random factor in [1, 1 + random-factor]
/// so that instances crashing together do not restart in lock-step.
/// </summary>
public sealed class ExponentialBackoffPolicy(BackoffSettings settings, Random? random = null) : IRestartDelayPolicy
{
    // Past 2^40 the doubling is far above any sane max anyway; this keeps the arithmetic finite.
    private const int MaxDoublings = 40;

    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doublings = Math.Min(attempt - 1, MaxDoublings);
        var baseTicks = Math.Min(settings.Max.Ticks, settings.Min.Ticks * Math.Pow(2, doublings));
        var jitter = 1.0 + (_random.NextDouble() * settings.RandomFactor);
        return TimeSpan.FromTicks((long)Math.Min(baseTicks * jitter, TimeSpan.MaxValue.Ticks / 2));
    }
}
