using System.Runtime.InteropServices;

namespace ProcessManager.Actors.Os.Native;

/// <summary>
/// Layout of <c>struct epoll_event</c>: packed (12 bytes) on x86-64, naturally aligned (16 bytes) elsewhere.
/// </summary>
internal static unsafe class Epoll
{
    internal static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    internal static int Create()
    {
        var fd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (fd < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        }
        return fd;
    }

    internal static int Add(int epfd, int fd, uint events, ulong token)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(ulong*)(ev + DataOffset) = token;
        return LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_ADD, fd, ev) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    internal static void Remove(int epfd, int fd)
    {
        var ev = stackalloc byte[16];
        _ = LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_DEL, fd, ev);
    }

    /// <summary>Creates an epoll instance and a background thread running <paramref name="run"/> on it.</summary>
    internal static int StartLoop(string threadName, Action<int> run)
    {
        var epfd = Create();
        var thread = new Thread(() => run(epfd)) { IsBackground = true, Name = threadName };
        thread.Start();
        return epfd;
    }

    /// <summary>Blocks until events arrive, retrying on EINTR. A failing epoll_wait ends the process:
    /// without its loop, no exit or output would ever be seen again.</summary>
    internal static int Wait(int epfd, byte* events, int maxEvents, string loopName)
    {
        while (true)
        {
            var count = LibC.epoll_wait(epfd, events, maxEvents, -1);
            if (count >= 0)
            {
                return count;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
            {
                Environment.FailFast($"{loopName}: epoll_wait failed: {LibC.ErrorText(errno)}");
            }
        }
    }

    internal static ulong TokenAt(byte* events, int index) => *(ulong*)(events + (index * EventSize) + DataOffset);
}
