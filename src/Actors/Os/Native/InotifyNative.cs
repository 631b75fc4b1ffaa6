using System.Runtime.InteropServices;

namespace ProcessManager.Actors.Os.Native;

/// <summary>inotify(7): the kernel's file change notification, one descriptor per watcher, one watch per directory.</summary>
internal static unsafe partial class InotifyNative
{
    internal const int IN_NONBLOCK = 0x800;
    internal const int IN_CLOEXEC = 0x80000;

    internal const uint IN_MODIFY = 0x002;
    internal const uint IN_ATTRIB = 0x004;
    internal const uint IN_CLOSE_WRITE = 0x008;
    internal const uint IN_MOVED_FROM = 0x040;
    internal const uint IN_MOVED_TO = 0x080;
    internal const uint IN_CREATE = 0x100;
    internal const uint IN_DELETE = 0x200;
    internal const uint IN_DELETE_SELF = 0x400;
    internal const uint IN_MOVE_SELF = 0x800;
    internal const uint IN_Q_OVERFLOW = 0x4000;
    internal const uint IN_IGNORED = 0x8000;
    internal const uint IN_ONLYDIR = 0x01000000;
    internal const uint IN_DONT_FOLLOW = 0x02000000;
    internal const uint IN_EXCL_UNLINK = 0x04000000;
    internal const uint IN_ISDIR = 0x40000000;

    /// <summary>The fixed part of <c>struct inotify_event</c>: wd, mask, cookie, len; the name follows.</summary>
    internal const int EventHeaderSize = 16;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int inotify_init1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int inotify_add_watch(int fd, byte* path, uint mask);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int inotify_rm_watch(int fd, int wd);
}
