namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>The kebab-case names of <see cref="ProcessState"/> that the API, pbm and plugin events show.</summary>
public static class ProcessStateNames
{
    public static string Name(ProcessState state) => state switch
    {
        ProcessState.Starting => "starting",
        ProcessState.Running => "running",
        ProcessState.Stopping => "stopping",
        ProcessState.Stopped => "stopped",
        ProcessState.Exited => "exited",
        ProcessState.BackingOff => "backing-off",
        ProcessState.CrashLoop => "crash-loop",
        ProcessState.Errored => "errored",
        _ => state.ToString().ToLowerInvariant(),
    };
}
