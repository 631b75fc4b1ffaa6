using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>The kernel's exponential backoff, on an app's backoff settings.</summary>
public static class RestartDelays
{
    /// <summary>
    /// min·2^n capped at max, stretched by up to random-factor so that instances crashing together do not
    /// restart in lock-step; min = 0 restarts at once.
    /// </summary>
    /// <param name="random">Source of r in [0, 1) for the jitter; default <see cref="Random.Shared"/> (tests pass a fixed one).</param>
    public static IBackoffDelayPolicy For(BackoffSettings settings, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ExponentialBackoffDelayPolicy.AllowingImmediateRestart(settings.Min, settings.Max, settings.RandomFactor, random);
    }
}
