namespace ProcessManager.Kernel;

/// <summary>Chooses the delay before the next restart of a backoff supervisor's child.</summary>
public interface IBackoffDelayPolicy
{
    /// <param name="restartCount">Restarts already made since the last reset (0 for the first restart).</param>
    /// <param name="reason">The failure that stopped the child, if it failed.</param>
    TimeSpan NextDelay(int restartCount, Exception? reason);
}
