namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>Chooses how long an instance waits before its program is started again.</summary>
public interface IRestartDelayPolicy
{
    /// <param name="attempt">Consecutive restarts already made since the last reset (0 for the first restart).</param>
    TimeSpan NextDelay(int attempt);
}
