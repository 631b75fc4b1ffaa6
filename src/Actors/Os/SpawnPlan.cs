using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

/// <summary>
/// A <see cref="SpawnRequest"/> checked and turned into what posix_spawn takes (resolved executable,
/// argv and envp blocks, cwd) once, so that each restart of the same program only spawns.
/// Made by <see cref="ProcessSpawner.Prepare"/>; immutable, safe to use from any thread.
/// </summary>
public sealed class SpawnPlan
{
    internal SpawnPlan(SpawnRequest request, string executable, IReadOnlyList<string> argv)
    {
        WorkingDirectory = request.WorkingDirectory;
        KillGroupOnExit = request.KillGroupOnExit;
        Executable = executable;
        ExecutableZ = NativeString.ToUtf8Z(executable);
        WorkingDirectoryZ = request.WorkingDirectory is null ? null : NativeString.ToUtf8Z(request.WorkingDirectory);
        Argv = new PinnedStringArray(argv);
        Environment = request.Environment is { } env
            ? new PinnedStringArray([.. env.Select(static kv => kv.Key + "=" + kv.Value)])
            : null;
    }

    // Not the request itself: its environment dictionary would be kept per instance for nothing.
    public string? WorkingDirectory { get; }

    public bool KillGroupOnExit { get; }

    /// <summary>The resolved path posix_spawn runs (setpriv when a user is set).</summary>
    public string Executable { get; }

    internal byte[] ExecutableZ { get; }

    internal byte[]? WorkingDirectoryZ { get; }

    internal PinnedStringArray Argv { get; }

    /// <summary>Null: the child inherits the daemon's environment.</summary>
    internal PinnedStringArray? Environment { get; }
}
