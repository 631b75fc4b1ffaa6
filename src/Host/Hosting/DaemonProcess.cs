using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using ProcessManager.Host.Interop;

namespace ProcessManager.Host.Hosting;

/// <summary>Detaching a background daemon from the terminal that started it.</summary>
public static class DaemonProcess
{
    /// <summary>Starts a new session so the terminal's hang-up and Ctrl-C no longer reach the daemon.</summary>
    public static void DetachSession()
    {
        // Fails only for a process group leader, which a child started by pbm is not; then it is already detached enough.
        _ = Libc.Setsid();
    }

    /// <summary>Points stdout and stderr at <paramref name="log"/>, e.g. the file a rotation just opened.</summary>
    public static void PointStandardStreamsAt(SafeFileHandle log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var fd = (int)log.DangerousGetHandle();
        Libc.Dup2(fd, 1);
        Libc.Dup2(fd, 2);
    }

    /// <summary>Points stdin at /dev/null and stdout/stderr at <paramref name="logFile"/> (appending, created 0600).</summary>
    public static void RedirectStandardStreams(string logFile)
    {
        Actors.Os.PrivateDirectory.Create(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var devNull = Libc.Open("/dev/null", Libc.ORdWr, 0);
        var log = Libc.Open(logFile, Libc.OWrOnly | Libc.OCreat | Libc.OAppend, 0b110_000_000);
        if (devNull < 0 || log < 0)
        {
            throw new IOException($"cannot redirect output to {logFile}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        Libc.Dup2(devNull, 0);
        Libc.Dup2(log, 1);
        Libc.Dup2(log, 2);
        Libc.Close(devNull);
        Libc.Close(log);
    }
}
