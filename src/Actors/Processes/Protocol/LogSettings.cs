namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>
/// Capture of stdout/stderr (pbm.process-defaults.logs): rotating files under Directory
/// (null = $PBM_HOME/logs) and an in-memory ring of the last TailLines lines for `pbm log tail`.
/// </summary>
/// <param name="Directory">logs.directory; null = the daemon's log directory.</param>
/// <param name="MaxFileBytes">logs.max-size: a file is rotated at this size.</param>
/// <param name="MaxFiles">logs.keep: rotated files kept per stream.</param>
/// <param name="TailLines">logs.ring-buffer-lines: latest lines kept in memory.</param>
public sealed record LogSettings(string? Directory, long MaxFileBytes, int MaxFiles, int TailLines)
{
    /// <summary>directory = null, max-size = 10 MiB, keep = 5, ring-buffer-lines = 1000.</summary>
    public static LogSettings Default { get; } = new(null, 10L * 1024 * 1024, 5, 1000);

    /// <summary>logs.total-cap: all files of one instance together at most (default 100 MiB).</summary>
    public long TotalCapBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>logs.timestamps: prefix each file line with an ISO-8601 UTC timestamp.</summary>
    public bool Timestamps { get; init; }

    /// <summary>logs.merge: one file for stdout and stderr.</summary>
    public bool Merge { get; init; }

    /// <summary>logs.max-line-length: longer lines are split (default 16 KiB).</summary>
    public int MaxLineLength { get; init; } = 16 * 1024;

    /// <summary>logs.queue-capacity: lines waiting to be written; beyond, lines are dropped and counted (default 10000).</summary>
    public int QueueCapacityLines { get; init; } = 10_000;
}
