namespace ProcessManager.Kernel;

/// <summary>Scheduler on <see cref="TimeProvider"/> timers (the runtime's timer queue: O(1) add/cancel).</summary>
internal sealed class Scheduler(TimeProvider time) : IScheduler
{
    public DateTimeOffset Now => time.GetUtcNow();

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender ?? ActorRefs.NoSender), once: true);
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender ?? ActorRefs.NoSender), once: false);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(delay, Timeout.InfiniteTimeSpan, action, once: true);
    }

    internal ICancelable Schedule(TimeSpan delay, TimeSpan period, Action action, bool once)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var entry = new ScheduledEntry(action, once);
        entry.Start(time, delay, period);
        return entry;
    }

    private sealed class ScheduledEntry(Action action, bool once) : ICancelable
    {
        private ITimer? _timer;
        private volatile bool _cancelled;

        public bool IsCancellationRequested => _cancelled;

        public void Start(TimeProvider time, TimeSpan delay, TimeSpan period)
        {
            var timer = time.CreateTimer(static s => ((ScheduledEntry)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer = timer;
            timer.Change(delay, period);
            if (_cancelled)
            {
                timer.Dispose();
            }
        }

        private void Fire()
        {
            if (_cancelled)
            {
                return;
            }

            if (once)
            {
                _cancelled = true;
                _timer?.Dispose();
            }

            action();
        }

        public void Cancel()
        {
            _cancelled = true;
            _timer?.Dispose();
        }
    }
}
