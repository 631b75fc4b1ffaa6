using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ProcessManager.Actors.Scheduling;

/// <summary>
/// Akka's scheduler on the runtime's timer queue (System.Threading.Timer): the timer thread sleeps until the next
/// timer is due, so a daemon with nothing due does not wake up at all. Akka's default, the hashed wheel, wakes every
/// <c>akka.scheduler.tick-duration</c> whether anything is due or not, which was most of an idle daemon's CPU.
/// Selected by <c>akka.scheduler.implementation</c>; a timer fires on the thread pool within about a millisecond of
/// its due time, repeated timers at a fixed delay after each run, like the wheel's.
/// </summary>
public sealed class TimerQueueScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    /// <summary>The longest delay a System.Threading.Timer takes; longer ones are cut to it (about 49 days).</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Set when the actor system terminates: timers still pending do nothing when they fire.</summary>
    private volatile bool _disposed;

    public TimerQueueScheduler(Config scheduler, ILoggingAdapter log)
        : base(scheduler, log)
    {
    }

    protected override DateTimeOffset TimeNow => DateTimeOffset.UtcNow;

    public override TimeSpan MonotonicClock => _clock.Elapsed;

    public override TimeSpan HighResMonotonicClock => _clock.Elapsed;

    public void Dispose() => _disposed = true;

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Start(delay, TimeSpan.Zero, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Start(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Start(delay, TimeSpan.Zero, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Start(delay, TimeSpan.Zero, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Start(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Start(initialDelay, interval, action.Run, cancelable);

    private void Start(TimeSpan delay, TimeSpan interval, Action action, ICancelable? cancelable)
    {
        if (_disposed || cancelable?.IsCancellationRequested == true)
        {
            return;
        }

        _ = new Entry(this, action, cancelable, Clamp(delay), interval > TimeSpan.Zero ? Clamp(interval) : TimeSpan.Zero);
    }

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;

    /// <summary>
    /// One scheduled action. The timer queue holds the entry (its callback state) while the timer is armed, and the entry
    /// holds the timer, so neither is collected early; a cancelled entry disposes its timer at once, so cancelled timers
    /// (every Akka timer that is restarted or stopped) do not linger in the queue.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The entry disposes its timer itself, when it has fired for the last time or is cancelled.")]
    private sealed class Entry
    {
        private readonly TimerQueueScheduler _scheduler;
        private readonly Action _action;
        private readonly ICancelable? _cancelable;
        private readonly TimeSpan _interval;
        private readonly Timer _timer;
        private readonly CancellationTokenRegistration _registration;

        public Entry(TimerQueueScheduler scheduler, Action action, ICancelable? cancelable, TimeSpan delay, TimeSpan interval)
        {
            _scheduler = scheduler;
            _action = action;
            _cancelable = cancelable;
            _interval = interval;
            _timer = new Timer(static state => ((Entry)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (cancelable is not null)
            {
                _registration = cancelable.Token.Register(static state => ((Entry)state!).Stop(), this);
            }

            // Armed only now, so that a due time of zero cannot fire before the cancellation is registered.
            Arm(delay);
        }

        private void Fire()
        {
            if (_scheduler._disposed || _cancelable?.IsCancellationRequested == true)
            {
                Stop();
                return;
            }

            try
            {
                _action();
            }
            catch (Exception error)
            {
                _scheduler.Log.Error(error, "A scheduled action failed");
            }

            if (_interval > TimeSpan.Zero && !_scheduler._disposed && _cancelable?.IsCancellationRequested != true)
            {
                // Fixed delay after each run: a run that was late does not make the next ones bunch up.
                Arm(_interval);
            }
            else
            {
                Stop();
            }
        }

        /// <summary>A cancellation on another thread may dispose the timer at any moment; then there is nothing to arm.</summary>
        private void Arm(TimeSpan delay)
        {
            try
            {
                _timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Cancelled meanwhile.
            }
        }

        private void Stop()
        {
            _timer.Dispose();
            _registration.Dispose();
        }
    }
}
