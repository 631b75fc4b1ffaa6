namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>
/// If more than MaxRestarts restarts happen within Within, the instance enters crash-loop and waits
/// CoolDown before trying again with a fresh window. CoolDown = null makes the crash-loop permanent
/// (the instance stays in crash-loop until started by hand).
/// </summary>
public sealed record CrashLoopSettings(int MaxRestarts, TimeSpan Within, TimeSpan? CoolDown)
{
    /// <summary>max-restarts = 10, within = 60s, cool-down = 5m.</summary>
    public static CrashLoopSettings Default { get; } = new(10, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));
}
