namespace ProcessManager.Kernel;

/// <summary>Sent to the listener when a restart of the child is scheduled.</summary>
/// <param name="Attempt">Restart number since the last reset (1 for the first restart).</param>
/// <param name="Delay">Time until the child is started again.</param>
/// <param name="Reason">The failure that stopped the child, null if it stopped by itself.</param>
public sealed record BackoffRestartScheduled(int Attempt, TimeSpan Delay, Exception? Reason);

/// <summary>Sent to the listener when the child is started.</summary>
/// <param name="Attempt">0 for the first start, then the restart number.</param>
public sealed record BackoffChildStarted(IActorRef Child, int Attempt);

/// <summary>Sent to the listener when the supervisor gives up (max retries reached or the child stopped for good).</summary>
public sealed record BackoffGaveUp(int Restarts, Exception? LastFailure);
