namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>
/// Capture of stdout/stderr: rotating files under Directory (null = $PBM_HOME/logs), and an in-memory
/// ring of the last TailLines lines per stream for `pbm log tail`.
/// </summary>
public sealed record LogSettings(string? Directory, long MaxFileBytes, int MaxFiles, int TailLines)
{
    /// <summary>directory = null, max-file-size = 10 MiB, max-files = 5, tail-lines = 1000.</summary>
    public static LogSettings Default { get; } = new(null, 10L * 1024 * 1024, 5, 1000);
}
