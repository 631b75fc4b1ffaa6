namespace ProcessManager.Cli.Infrastructure;

/// <summary>pbm's exit codes; scripts may rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command failed (the daemon refused, a process is unknown, ...).</summary>
    public const int Error = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>No daemon answers at the target.</summary>
    public const int NoDaemon = 3;

    /// <summary>The daemon refused the credentials.</summary>
    public const int Auth = 4;

    /// <summary>Interrupted by Ctrl-C.</summary>
    public const int Cancelled = 130;
}
