using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// Which state changes end a run of a program, and their reason as a bounded label: exit-0, exit-nonzero, signal,
/// or spawn-failed (it never ran). Never a pid, code or message, so the label set stays small.
/// </summary>
internal static class ExitReasons
{
    public static string? Of(ProcessStateChanged changed)
    {
        var wasAlive = changed.Previous is ProcessState.Running or ProcessState.Stopping;
        var endsRun = changed.State is ProcessState.Exited or ProcessState.BackingOff or ProcessState.CrashLoop or ProcessState.Errored or ProcessState.Stopped;
        if (changed.Previous == ProcessState.Starting && changed.State is ProcessState.Errored or ProcessState.BackingOff or ProcessState.CrashLoop)
        {
            return "spawn-failed";
        }

        if (!wasAlive || !endsRun)
        {
            return null;
        }

        var status = changed.Status;
        return status.LastSignal is not null ? "signal" : status.LastExitCode is 0 ? "exit-0" : "exit-nonzero";
    }
}
