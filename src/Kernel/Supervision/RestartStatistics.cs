namespace ProcessManager.Kernel;

/// <summary>
/// Restarts of one child within the current window, on monotonic time. Two numbers, never a list:
/// the window opens at the first restart and a restart outside it opens a new one.
/// </summary>
internal sealed class RestartStatistics
{
    /// <summary>Restarts counted in the current window.</summary>
    public int Count { get; private set; }

    /// <summary>Monotonic timestamp (Stopwatch ticks) of the window's first restart.</summary>
    private long _windowStart;

    /// <summary>True if one more restart is allowed (and records it); false means stop the child.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange, TimeProvider time)
    {
        if (maxNrOfRetries < 0 && withinTimeRange is null)
        {
            Count++;
            return true;
        }

        if (maxNrOfRetries == 0)
        {
            return false;
        }

        if (withinTimeRange is not { } window)
        {
            Count++;
            return Count <= maxNrOfRetries;
        }

        var now = time.GetTimestamp();
        if (Count == 0 || time.GetElapsedTime(_windowStart, now) > window)
        {
            _windowStart = now;
            Count = 1;
            return maxNrOfRetries < 0 || Count <= maxNrOfRetries;
        }

        Count++;
        return maxNrOfRetries < 0 || Count <= maxNrOfRetries;
    }
}
