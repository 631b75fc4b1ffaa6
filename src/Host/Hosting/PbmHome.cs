namespace ProcessManager.Host.Hosting;

/// <summary>Resolves the state folder: <c>$PBM_HOME</c>, else <c>/var/lib/pbm</c> for root, else <c>~/.pbm</c>.</summary>
public static class PbmHome
{
    /// <summary>The state folder for this process's environment and user.</summary>
    public static string Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PBM_HOME");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (Interop.Libc.Geteuid() == 0)
        {
            return "/var/lib/pbm";
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pbm");
    }

    /// <summary>Creates the folder (mode 0700: the socket and token inside are only for its owner) if missing.</summary>
    public static void Ensure(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
