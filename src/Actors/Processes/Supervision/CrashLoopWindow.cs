using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>
/// The restarts of the last <c>within</c> on the monotonic clock. Holds at most max-restarts + 1
/// timestamps: older ones are pruned on every record, so memory stays bounded however long it runs.
/// </summary>
public sealed class CrashLoopWindow(CrashLoopSettings settings)
{
    /// <summary>Monotonic times of the recent restarts, oldest first.</summary>
    private readonly Queue<TimeSpan> _restarts = new(settings.MaxRestarts + 1);

    public int Count => _restarts.Count;

    /// <summary>
    /// Records a restart at <paramref name="now"/>; true when that makes more than max-restarts
    /// restarts within the window (the instance must enter crash-loop).
    /// </summary>
    public bool RecordAndCheck(TimeSpan now)
    {
        while (_restarts.Count > 0 && now - _restarts.Peek() >= settings.Within)
        {
            _restarts.Dequeue();
        }

        _restarts.Enqueue(now);
        if (_restarts.Count > settings.MaxRestarts + 1)
        {
            _restarts.Dequeue();
        }

        return _restarts.Count > settings.MaxRestarts;
    }

    public void Reset() => _restarts.Clear();
}
