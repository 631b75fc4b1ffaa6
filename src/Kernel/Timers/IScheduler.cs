namespace ProcessManager.Kernel;

/// <summary>Sends messages or runs actions later, on the system's <see cref="TimeProvider"/>.</summary>
public interface IScheduler
{
    DateTimeOffset Now { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null);

    /// <summary>The action runs on the thread pool, not on an actor: send a message to touch actor state.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
