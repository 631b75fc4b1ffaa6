namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>How a program is stopped: Signal to its process group, then SIGKILL to the group after Timeout.</summary>
public sealed record StopSettings(int Signal, TimeSpan Timeout)
{
    /// <summary>signal = SIGTERM, timeout = 10s.</summary>
    public static StopSettings Default { get; } = new(SignalNames.SIGTERM, TimeSpan.FromSeconds(10));
}
