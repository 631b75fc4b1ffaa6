namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>
/// Delay before restarting an exited program: min * 2^(n-1), capped at max, with up to
/// random-factor extra jitter. The attempt counter resets after the program ran reset-after.
/// </summary>
public sealed record BackoffSettings(TimeSpan Min, TimeSpan Max, double RandomFactor, TimeSpan ResetAfter)
{
    /// <summary>min = 1s, max = 60s, random-factor = 0.2, reset-after = 60s.</summary>
    public static BackoffSettings Default { get; } = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 0.2, TimeSpan.FromSeconds(60));
}
