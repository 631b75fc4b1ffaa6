using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>The restart delays of an app's backoff settings.</summary>
public static class RestartDelays
{
    /// <param name="random">Source of r in [0, 1) for the jitter; default <see cref="Random.Shared"/> (tests pass a fixed one).</param>
    public static IRestartDelayPolicy For(BackoffSettings settings, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ExponentialRestartDelay(settings.Min, settings.Max, settings.RandomFactor, random);
    }
}
