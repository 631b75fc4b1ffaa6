using System.Diagnostics;

namespace ProcessManager.Actors.Processes.Instances;

/// <summary>Time since an arbitrary start that never jumps: for restart windows, never for display.</summary>
internal static class MonotonicClock
{
    public static TimeSpan Now => Stopwatch.GetElapsedTime(0);
}
