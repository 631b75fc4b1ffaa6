namespace ProcessManager.Kernel;

/// <summary>Where an actor is in its life; only moves forward except Restarting→Running.</summary>
public enum LifecycleState
{
    /// <summary>Reference handed out; the instance is built when the Create system message runs.</summary>
    Creating,

    /// <summary>Processing messages (possibly suspended after a failure, awaiting its supervisor).</summary>
    Running,

    /// <summary>Old instance gone; waiting for stopped children before building the new one.</summary>
    Restarting,

    /// <summary>Stopping children; PostStop runs when the last one has terminated.</summary>
    Terminating,

    /// <summary>Dead: messages go to dead letters, watchers have been notified.</summary>
    Terminated,
}
