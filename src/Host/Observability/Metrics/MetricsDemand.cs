using Akka.Actor;
using ProcessManager.Actors.Os.Metrics;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// Who reads figures (a process list, a live subscriber, a scrape) says so here: for <c>demand-window</c> afterwards
/// the observer samples at <c>sample-interval</c> and the programs at their <c>metrics.interval</c>; otherwise both run
/// at <c>idle-sample-interval</c>. The programs are told on the event stream, at most twice per window, so that a
/// client polling a list does not send a message to every program each time.
/// </summary>
internal sealed class MetricsDemand
{
    private readonly ActorSystem? _system;
    private readonly TimeSpan _window;
    private readonly long _windowMilliseconds;

    /// <summary>Environment.TickCount64 until which figures are wanted.</summary>
    private long _until = long.MinValue;

    /// <summary>Environment.TickCount64 until which the programs were last told to sample fast.</summary>
    private long _toldUntil = long.MinValue;

    /// <summary>Completed when demand starts after a quiet spell, so that an observer waiting at the idle cadence samples now.</summary>
    private TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MetricsDemand(ActorSystem? system, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        _system = system;
        _window = window;
        _windowMilliseconds = (long)window.TotalMilliseconds;
    }

    /// <summary>Figures were asked for within the window.</summary>
    public bool Active => Environment.TickCount64 < Interlocked.Read(ref _until);

    /// <summary>Completes at the next <see cref="Note"/> that starts demand; a fresh task after each.</summary>
    public Task Started => Volatile.Read(ref _started).Task;

    /// <summary>Somebody reads figures now.</summary>
    public void Note()
    {
        var now = Environment.TickCount64;
        var wasActive = now < Interlocked.Exchange(ref _until, now + _windowMilliseconds);
        var told = Interlocked.Read(ref _toldUntil);
        if (now + (_windowMilliseconds / 2) >= told && Interlocked.CompareExchange(ref _toldUntil, now + _windowMilliseconds, told) == told)
        {
            _system?.EventStream.Publish(new SamplingDemand(_window));
        }

        if (!wasActive)
        {
            Interlocked.Exchange(ref _started, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
