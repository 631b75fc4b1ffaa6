namespace ProcessManager.Actors.Os.Metrics;

/// <summary>
/// When samples are taken. Every sampler with the same interval ticks at the same instants (multiples of the interval
/// on the monotonic clock), so one pass over /proc (<see cref="ProcSnapshot"/>) serves them all and the daemon wakes
/// once per interval rather than once per program.
/// </summary>
public static class SamplingCadence
{
    /// <summary>The interval a program is sampled at now.</summary>
    /// <param name="interval">Its metrics.interval: while figures are asked for, or when a memory limit is checked.</param>
    /// <param name="idleInterval">The cadence while nobody asks (null = always <paramref name="interval"/>).</param>
    /// <param name="memoryLimited">A memory limit is checked at every sample, so it keeps the fast cadence.</param>
    /// <param name="demanded">Figures were asked for within the demand window.</param>
    public static TimeSpan Interval(TimeSpan interval, TimeSpan? idleInterval, bool memoryLimited, bool demanded) =>
        idleInterval is { } idle && !memoryLimited && !demanded && idle > interval ? idle : interval;

    /// <summary>The delay until the next multiple of <paramref name="interval"/> on the monotonic clock (at least 1 ms).</summary>
    public static TimeSpan DelayToNextTick(TimeSpan interval, long nowMilliseconds)
    {
        var period = Math.Max(1, (long)interval.TotalMilliseconds);
        var remainder = nowMilliseconds % period;
        return TimeSpan.FromMilliseconds(Math.Max(1, period - remainder));
    }
}
