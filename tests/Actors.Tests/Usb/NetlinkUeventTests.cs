using ProcessManager.Actors.Usb.Netlink;
using ProcessManager.Actors.Usb.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>The real kernel path: a genuine uevent, triggered through sysfs, read from the netlink socket by the watcher.</summary>
public sealed class NetlinkUeventTests : UsbWatcherTestBase
{
    private const string NullDevice = "/sys/devices/virtual/mem/null/uevent";

    [Fact]
    public void The_watcher_receives_and_parses_a_kernel_uevent_from_its_netlink_socket()
    {
        var watcher = StartWatcher(Settings() with { Netlink = true });
        var subscriber = CreateTestProbe();
        watcher.Tell(new SubscribeUevents("mem"), subscriber);
        Assert.True(subscriber.ExpectMsg<UeventsSubscribed>(Patience, cancellationToken: TestContext.Current.CancellationToken).Accepted);
        AwaitCondition(() => Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Resyncs == 1, Patience, "started", TestContext.Current.CancellationToken);
        Assert.True(Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).NetlinkOpen, "the netlink socket is open");

        if (!TryTrigger())
        {
            Assert.Skip($"writing 'add' to {NullDevice} is not permitted here (not root, or /sys is read-only)");
        }

        var observed = subscriber.FishForMessage<UeventObserved>(o => o.Uevent.DevPath == "/devices/virtual/mem/null", Patience, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("add", observed.Uevent.Action);
        Assert.Equal("mem", observed.Uevent.Subsystem);
        Assert.Equal("null", observed.Uevent.Property("DEVNAME"));
        Assert.True(long.Parse(observed.Uevent.Property("SEQNUM")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(0, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Malformed);
    }

    [Fact]
    public async Task The_socket_can_be_opened_and_a_receive_waits_without_a_thread()
    {
        using var socket = TryOpen();
        using var cancel = new CancellationTokenSource();
        var buffer = new byte[8192];
        var pending = socket.ReceiveAsync(buffer, cancel.Token).AsTask();
        if (!TryTrigger())
        {
            Assert.Skip($"writing 'add' to {NullDevice} is not permitted here");
        }

        // Other uevents of the machine may come first: read until ours.
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var length = await pending.WaitAsync(Patience, TestContext.Current.CancellationToken);
            Assert.True(UeventParser.TryParse(buffer.AsSpan(0, length), out var uevent, out var error), error);
            if (uevent!.DevPath == "/devices/virtual/mem/null")
            {
                return;
            }

            pending = socket.ReceiveAsync(buffer, cancel.Token).AsTask();
        }

        Assert.Fail("no uevent of /devices/virtual/mem/null");
    }

    private static UeventSocket TryOpen()
    {
        try
        {
            return UeventSocket.Open(1 << 20);
        }
        catch (System.Net.Sockets.SocketException error)
        {
            Assert.Skip("no NETLINK_KOBJECT_UEVENT socket here: " + error.Message);
            throw;
        }
    }

    private static bool TryTrigger()
    {
        try
        {
            File.WriteAllText(NullDevice, "add");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
