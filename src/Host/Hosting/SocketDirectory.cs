using Microsoft.Extensions.Logging;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Closes the moment between Kestrel creating the API socket (with the process umask) and the chmod to
/// <c>pbm.api.unix-socket.mode</c>: connecting needs search permission on the socket's directory, so a directory that
/// only the allowed users may search keeps everyone else out from the start.
/// </summary>
internal static partial class SocketDirectory
{
    private const UnixFileMode GroupAndOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The mode the socket's directory needs: 0700, plus search (x) for the group or others when the socket mode lets
    /// them connect (write). Such a group already reads logs and history through the API, so letting it reach files
    /// in the folder by name gives it nothing new; listing the folder stays the owner's.
    /// </summary>
    public static UnixFileMode RequiredMode(UnixFileMode socketMode) =>
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | (socketMode.HasFlag(UnixFileMode.GroupWrite) ? UnixFileMode.GroupExecute : 0)
        | (socketMode.HasFlag(UnixFileMode.OtherWrite) ? UnixFileMode.OtherExecute : 0);

    /// <summary>
    /// Makes the socket's directory exactly <see cref="RequiredMode"/> when it is PBM_HOME or is created here. Another
    /// existing directory (the socket configured elsewhere, say in /run) is the administrator's: it is only checked,
    /// and a warning names it when it lets others in.
    /// </summary>
    public static void Secure(string socketPath, string pbmHome, UnixFileMode socketMode, ILogger logger)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(socketPath))!;
        var required = RequiredMode(socketMode);
        var owned = string.Equals(Path.TrimEndingDirectorySeparator(directory), Path.TrimEndingDirectorySeparator(Path.GetFullPath(pbmHome)), StringComparison.Ordinal);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, required);
            owned = true;
        }

        var current = File.GetUnixFileMode(directory);
        if ((current & GroupAndOther) == (required & GroupAndOther))
        {
            return;
        }

        if (!owned)
        {
            if ((current & GroupAndOther & ~required) != 0)
            {
                LogOpenDirectory(logger, directory, Octal(current), Octal(required));
            }

            return;
        }

        try
        {
            // mkdir applies the umask, and an existing PBM_HOME may have been made with a permissive one.
            File.SetUnixFileMode(directory, required);
            if (current != required && (current & GroupAndOther & ~required) != 0)
            {
                LogTightened(logger, directory, Octal(current), Octal(required));
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            LogCannotTighten(logger, directory, Octal(current), Octal(required), ex.Message);
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Directory} was mode {Old}; made it {New} so only those the API socket admits can reach it")]
    private static partial void LogTightened(ILogger logger, string directory, string old, string @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API socket's directory {Directory} is mode {Mode}: other local users may connect while the socket is being created; make it {Required} (pbm.api.unix-socket.path)")]
    private static partial void LogOpenDirectory(ILogger logger, string directory, string mode, string required);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot make {Directory} (mode {Mode}) {Required}: {Reason}; other local users may connect while the API socket is being created")]
    private static partial void LogCannotTighten(ILogger logger, string directory, string mode, string required, string reason);
}
