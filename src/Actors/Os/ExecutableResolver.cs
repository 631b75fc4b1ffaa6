using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

/// <summary>Finds the file argv[0] names, so "binary not found" is reported before anything is started.</summary>
internal static unsafe class ExecutableResolver
{
    /// <exception cref="SpawnException">Not found (ENOENT) or not executable (EACCES).</exception>
    internal static string Resolve(string name, string? workingDirectory, string? pathVariable)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.IsPathRooted(name) ? name : Path.GetFullPath(Path.Combine(workingDirectory ?? Environment.CurrentDirectory, name));
            if (!File.Exists(full))
            {
                throw new SpawnException(LibC.ENOENT, LibC.ErrorText(LibC.ENOENT), $"binary not found: {name} (looked at {full})");
            }
            if (!IsExecutable(full))
            {
                throw new SpawnException(LibC.EACCES, LibC.ErrorText(LibC.EACCES), $"binary not executable: {full}");
            }
            return full;
        }
        string? notExecutable = null;
        foreach (var dir in (pathVariable ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? workingDirectory ?? Environment.CurrentDirectory : dir, name);
            if (!File.Exists(candidate))
            {
                continue;
            }
            if (IsExecutable(candidate))
            {
                return candidate;
            }
            notExecutable ??= candidate;
        }
        if (notExecutable is not null)
        {
            throw new SpawnException(LibC.EACCES, LibC.ErrorText(LibC.EACCES), $"binary not executable: {notExecutable}");
        }
        throw new SpawnException(LibC.ENOENT, LibC.ErrorText(LibC.ENOENT), $"binary not found: {name} (searched PATH={pathVariable})");
    }

    private static bool IsExecutable(string path)
    {
        var bytes = NativeString.ToUtf8Z(path);
        fixed (byte* p = bytes)
        {
            return LibC.access(p, LibC.X_OK) == 0;
        }
    }
}
