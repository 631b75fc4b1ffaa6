namespace ProcessManager.Actors.Os;

/// <summary>
/// Creates folders for state and output 0700, every missing parent included: Directory.CreateDirectory(path, mode) gives
/// the mode to the last folder only. Folders that exist are left as they are.
/// </summary>
public static class PrivateDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> and its missing parents, each 0700.</summary>
    public static void Create(string path)
    {
        var missing = new Stack<string>();
        for (var directory = Path.GetFullPath(path); !string.IsNullOrEmpty(directory) && !Directory.Exists(directory); directory = Path.GetDirectoryName(directory))
        {
            missing.Push(directory);
        }

        foreach (var directory in missing)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerOnly);
            }
        }
    }
}
