namespace ProcessManager.Actors.Os;

/// <summary>What to start. <paramref name="Argv"/>[0] is a path or a name looked up in PATH.</summary>
/// <param name="Argv">The program and its arguments; no shell is involved.</param>
/// <param name="WorkingDirectory">The child's cwd; null keeps the daemon's.</param>
/// <param name="Environment">The child's whole environment; null inherits the daemon's.</param>
/// <param name="Uid">Run as this user (the daemon must be root; applied through util-linux <c>setpriv</c>).</param>
/// <param name="Gid">Run with this group (same conditions as <paramref name="Uid"/>).</param>
public sealed record SpawnRequest(
    IReadOnlyList<string> Argv,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    uint? Uid = null,
    uint? Gid = null)
{
    /// <summary>
    /// When the program's main process exits, SIGKILL whatever is left in its process group
    /// (orphaned grandchildren) before the exit is reported. Default true.
    /// </summary>
    public bool KillGroupOnExit { get; init; } = true;
}
