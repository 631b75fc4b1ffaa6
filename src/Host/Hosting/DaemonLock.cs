using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ProcessManager.Host.Interop;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// One daemon per PBM_HOME: an exclusive flock on <c>pbmd.lock</c> holding the owner's pid. The kernel drops the
/// lock when the process dies, so a crashed daemon never leaves a stale lock behind.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private int _fd;

    private DaemonLock(int fd, string path)
    {
        _fd = fd;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock or throws <see cref="DaemonAlreadyRunningException"/> naming the pid that holds it.</summary>
    public static unsafe DaemonLock Acquire(string path)
    {
        var fd = Libc.Open(path, Libc.ORdWr | Libc.OCreat | Libc.OCloExec, 0b110_000_000);
        if (fd < 0)
        {
            throw new IOException($"cannot open the lock file {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (Libc.Flock(fd, Libc.LockEx | Libc.LockNb) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var holder = ReadPid(fd);
            Libc.Close(fd);
            if (errno == Libc.EWouldBlock)
            {
                throw new DaemonAlreadyRunningException(path, holder);
            }

            throw new IOException($"cannot lock {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        Libc.Ftruncate(fd, 0);
        fixed (byte* p = pid)
        {
            Libc.Pwrite(fd, p, pid.Length, 0);
        }

        return new DaemonLock(fd, path);
    }

    /// <summary>Reads the pid written in a lock file, or null when there is none (read without taking a lock).</summary>
    public static int? ReadHolder(string path)
    {
        var fd = Libc.Open(path, Libc.ORdWr | Libc.OCloExec, 0);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            return ReadPid(fd);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static unsafe int? ReadPid(int fd)
    {
        var buffer = stackalloc byte[32];
        var read = Libc.Pread(fd, buffer, 32, 0);
        if (read <= 0)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(buffer, (int)read).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>Releases the lock (the file stays; its pid is cleared).</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Libc.Ftruncate(fd, 0);
            Libc.Close(fd);
        }
    }
}
