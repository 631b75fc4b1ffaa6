using System.Net.Sockets;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

public static unsafe partial class ProcessSpawner
{
    /// <summary>
    /// Starts a program that talks to the daemon over its stdin and stdout (a plugin worker): both are the child's
    /// end of one Unix stream socket pair, so the daemon reads and writes its end with the runtime's epoll-driven
    /// socket I/O and no thread waits on a pipe. stderr goes to <paramref name="log"/> (or /dev/null).
    /// </summary>
    /// <returns>The child and the daemon's end of the channel (closing it gives the child end of file on stdin).</returns>
    /// <exception cref="SpawnException">Missing binary, bad working directory, permission, no descriptors left.</exception>
    public static (ChildProcess Child, Socket Channel) SpawnWithChannel(SpawnPlan plan, ProcessLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var fds = stackalloc int[2] { -1, -1 };
        if (LibC.socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, fds) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SpawnException(errno, LibC.ErrorText(errno), "cannot create the worker's stdin/stdout socket pair");
        }
        try
        {
            var child = SpawnResolved(plan, log, channelFd: fds[1]);
            var socket = new Socket(new SafeSocketHandle(fds[0], ownsHandle: true));
            fds[0] = -1;
            return (child, socket);
        }
        finally
        {
            // The child holds its own copies (dup2 clears close-on-exec on them).
            _ = LibC.close(fds[1]);
            if (fds[0] >= 0)
            {
                _ = LibC.close(fds[0]);
            }
        }
    }
}
