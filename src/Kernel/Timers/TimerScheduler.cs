namespace ProcessManager.Kernel;

/// <summary>Timers of one actor; used only on the actor's thread.</summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    /// <summary>Active timers by key.</summary>
    private readonly Dictionary<object, (int Generation, bool Periodic, ICancelable Handle)> _timers = [];

    /// <summary>Distinguishes a replaced timer's queued message from the current one.</summary>
    private int _generation;

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var fired = new TimerFired(key, generation, message);
        var self = cell.SelfRef;
        var handle = ((Scheduler)cell.System.Scheduler).Schedule(delay, period, () => self.Tell(fired, ActorRefs.NoSender), period == Timeout.InfiniteTimeSpan);
        _timers[key] = (generation, period != Timeout.InfiniteTimeSpan, handle);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
        {
            timer.Handle.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Handle.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>True if the fired message belongs to a live timer (single timers end here).</summary>
    internal bool Accept(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var timer) || timer.Generation != fired.Generation)
        {
            return false;
        }

        if (!timer.Periodic)
        {
            _timers.Remove(fired.Key);
        }

        return true;
    }
}
