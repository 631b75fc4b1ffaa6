namespace ProcessManager.Kernel;

/// <summary>Per-actor timers keyed by any object. Starting a timer with a key in use replaces it;
/// a cancelled or replaced timer's message is never delivered, even if already queued. All timers
/// are cancelled when the actor restarts or stops.</summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();

    IReadOnlyCollection<object> ActiveTimers { get; }
}

/// <summary>Implement to get <see cref="Timers"/> injected (usable from the constructor on).</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
