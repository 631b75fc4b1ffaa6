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

    internal static uint EventsAt(byte* events, int index) => *(uint*)(events + (index * EventSize));

    internal static ulong TokenAt(byte* events, int index) => *(ulong*)(events + (index * EventSize) + DataOffset);
}
