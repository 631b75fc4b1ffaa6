namespace ProcessManager.Host.Hosting;

/// <summary>Another daemon holds the PBM_HOME lock.</summary>
public sealed class DaemonAlreadyRunningException : Exception
{
    /// <summary>Creates the exception naming the lock file and, when known, the holder's pid.</summary>
    public DaemonAlreadyRunningException(string lockPath, int? holderPid)
        : base(holderPid is { } pid
            ? $"another pbmd (pid {pid}) already runs for this PBM_HOME (lock {lockPath}); stop it with 'pbm daemon stop' or use another PBM_HOME"
            : $"another pbmd already runs for this PBM_HOME (lock {lockPath})")
    {
        LockPath = lockPath;
        HolderPid = holderPid;
    }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>Pid written by the holder.</summary>
    public int? HolderPid { get; }
}
