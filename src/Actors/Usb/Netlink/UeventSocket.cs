using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ProcessManager.Actors.Usb.Netlink;

/// <summary>
/// A NETLINK_KOBJECT_UEVENT socket subscribed to the kernel's multicast group (1). .NET's Socket cannot create an
/// AF_NETLINK socket itself, so it is created and bound here and then handed to a Socket, whose ReceiveAsync waits
/// on epoll like any other socket: no thread blocks and nothing polls. Only root may send to this group, so what
/// arrives is the kernel's.
/// </summary>
public sealed partial class UeventSocket : IDisposable
{
    private const int AF_NETLINK = 16;
    private const int SOCK_RAW = 3;
    private const int SOCK_NONBLOCK = 0x800;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int NETLINK_KOBJECT_UEVENT = 15;
    private const uint KernelGroup = 1;
    private const int SOL_SOCKET = 1;
    private const int SO_RCVBUFFORCE = 33;

    private readonly Socket _socket;

    private UeventSocket(Socket socket) => _socket = socket;

    /// <summary>The receive buffer the kernel granted (bytes; it reports twice what was asked, for its bookkeeping).</summary>
    public int ReceiveBufferBytes => _socket.ReceiveBufferSize;

    /// <summary>Opens and binds the socket, asking for <paramref name="receiveBufferBytes"/> of kernel buffer.</summary>
    /// <exception cref="SocketException">The kernel refused the socket or the bind.</exception>
    public static unsafe UeventSocket Open(int receiveBufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(receiveBufferBytes, 4096);
        var fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
        if (fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }; pid 0: the kernel picks one.
        Span<byte> address = stackalloc byte[12];
        address.Clear();
        BitConverter.TryWriteBytes(address, (ushort)AF_NETLINK);
        BitConverter.TryWriteBytes(address[8..], KernelGroup);
        int bound;
        fixed (byte* pointer = address)
        {
            bound = bind(fd, pointer, address.Length);
        }

        if (bound != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = close(fd);
            throw new SocketException(errno);
        }

        var wrapped = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        try
        {
            // A burst (a hub with many devices, a reboot of a dock) must not overflow the default buffer: root may force
            // a larger one than net.core.rmem_max, others get what the limit allows.
            Span<byte> size = stackalloc byte[4];
            BitConverter.TryWriteBytes(size, receiveBufferBytes);
            wrapped.SetRawSocketOption(SOL_SOCKET, SO_RCVBUFFORCE, size);
        }
        catch (SocketException)
        {
            wrapped.ReceiveBufferSize = receiveBufferBytes;
        }

        return new UeventSocket(wrapped);
    }

    /// <summary>
    /// Waits for the next message and returns its length. Throws <see cref="SocketException"/> with
    /// <see cref="SocketError.NoBufferSpaceAvailable"/> (ENOBUFS) when the kernel dropped messages since the last read.
    /// </summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    public void Dispose() => _socket.Dispose();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int bind(int fd, byte* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
