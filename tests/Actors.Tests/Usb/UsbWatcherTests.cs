using Akka.Actor;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Tracking;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

public sealed class UsbWatcherTests : UsbWatcherTestBase
{
    [Fact]
    public void Devices_present_at_start_are_read_from_sysfs_with_their_attributes_and_interfaces()
    {
        Sysfs.Add(RecordedDevice.Ftdi());
        Sysfs.Add(RecordedDevice.Hub());
        Sysfs.Add(RecordedDevice.Keyboard());

        var watcher = StartWatcher();

        var attached = new[] { ExpectEvent<DeviceAttached>(), ExpectEvent<DeviceAttached>(), ExpectEvent<DeviceAttached>() };
        Assert.Equal(["1-2", "1-3", "1-3.1"], attached.Select(e => e.Device.Id).Order(StringComparer.Ordinal));
        var list = Query<UsbDeviceList>(watcher, ListUsbDevices.Instance);
        var ftdi = list.Devices.Single(d => d.Id == "1-2");
        Assert.Equal(("0403", "6001", "A50285BI", "FTDI", "FT232R USB UART"), (ftdi.VendorId, ftdi.ProductId, ftdi.Serial, ftdi.Manufacturer, ftdi.Product));
        Assert.Equal((1, 5, "/dev/bus/usb/001/005"), (ftdi.BusNumber, ftdi.DeviceNumber, ftdi.DevNode));
        Assert.Equal(new UsbInterface("1-2:1.0", "ff", "ff", "ff", "ftdi_sio"), Assert.Single(ftdi.Interfaces));
        var keyboard = list.Devices.Single(d => d.Id == "1-3.1");
        Assert.Equal(["03", "03"], keyboard.Interfaces.Select(i => i.Class));
        Assert.True(list.Devices.Single(d => d.Id == "1-3").IsAncestorOf(keyboard));
        Assert.True(Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).BusPresent);
    }

    [Fact]
    public void A_machine_without_a_usb_bus_runs_with_an_empty_table()
    {
        using var noBus = new FakeSysfs(withBus: false);
        var watcher = StartWatcher(Settings() with { SysfsRoot = noBus.Root });

        var status = Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance);
        Assert.Equal(0, status.Devices);
        Assert.Empty(Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices);
        AwaitCondition(() => Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Resyncs == 1, Patience, "the enumeration ran", TestContext.Current.CancellationToken);
        Assert.False(Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).BusPresent);
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_recorded_attach_gives_one_attached_event_with_the_sysfs_strings_and_a_detach_one_detached()
    {
        var watcher = StartWatcher();
        var ftdi = RecordedDevice.Ftdi();

        Plug(watcher, ftdi);

        var attached = ExpectEvent<DeviceAttached>();
        Assert.Equal(("1-2", "A50285BI", "ftdi_sio"), (attached.Device.Id, attached.Device.Serial, attached.Device.Interfaces[0].Driver));
        Assert.Equal(1, attached.Sequence);

        Unplug(watcher, ftdi);

        // The interface unbind and remove before the device's own remove are not separate changes of a device that goes.
        var detached = Events.FishForMessage<UsbDeviceEvent>(e => e is DeviceDetached, Patience, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("1-2", detached.Device.Id);
        Assert.Empty(Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices);
        var history = Query<UsbHistory>(watcher, new GetUsbHistory(100, "1-2")).Events;
        Assert.IsType<DeviceAttached>(history[0]);
        Assert.IsType<DeviceDetached>(history[^1]);
    }

    [Fact]
    public void With_a_debounce_window_a_plug_and_unplug_give_exactly_one_attached_and_one_detached()
    {
        var watcher = StartWatcher(Settings(TimeSpan.FromMilliseconds(500)));
        var ftdi = RecordedDevice.Ftdi();

        Plug(watcher, ftdi);
        ExpectEvent<DeviceAttached>();
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken);

        Unplug(watcher, ftdi);
        ExpectEvent<DeviceDetached>();
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_hub_leaving_takes_its_children_even_when_their_own_removes_were_lost()
    {
        var hub = RecordedDevice.Hub();
        var keyboard = RecordedDevice.Keyboard();
        var drive = RecordedDevice.FlashDrive();
        var watcher = StartWatcher();

        // One after the other: a child's sysfs folder created while the hub's own is still being read makes that read
        // see a half-made tree, and the hub's next read reports a change.
        var attached = new[] { hub, keyboard, drive }.Select(device =>
        {
            Plug(watcher, device);
            return ExpectEvent<DeviceAttached>().Device.Id;
        }).ToList();
        Assert.Equal(["1-3", "1-3.1", "1-3.4"], attached);

        // Only the hub's own remove arrives.
        Sysfs.Remove(hub);
        var seq = 5000;
        watcher.Tell(new InjectUevent(hub.DeviceEvent("remove", seq)));

        var detached = new[] { ExpectEvent<DeviceDetached>(), ExpectEvent<DeviceDetached>(), ExpectEvent<DeviceDetached>() };
        Assert.Equal(["1-3", "1-3.1", "1-3.4"], detached.Select(e => e.Device.Id).Order(StringComparer.Ordinal));
        Assert.Equal("1-3", detached[^1].Device.Id); // children first
        Assert.Empty(Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices);
    }

    [Fact]
    public void A_device_flapping_within_the_debounce_window_gives_one_change()
    {
        var ftdi = RecordedDevice.Ftdi();
        var watcher = StartWatcher(Settings(TimeSpan.FromSeconds(3)));
        Plug(watcher, ftdi);
        ExpectEvent<DeviceAttached>();

        // A flaky cable: out and in five times, the device coming back with a new number each time.
        var current = ftdi;
        for (var i = 1; i <= 5; i++)
        {
            Unplug(watcher, current);
            current = ftdi with { DevNum = ftdi.DevNum + i };
            Plug(watcher, current);
        }

        var changed = ExpectEvent<DeviceChanged>();
        Assert.Equal((5, 10), (changed.Previous.DeviceNumber, changed.Device.DeviceNumber));
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(3500), TestContext.Current.CancellationToken);
        Assert.Equal(10, Assert.Single(Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices).DeviceNumber);
    }

    [Fact]
    public void Malformed_and_truncated_payloads_are_counted_and_the_watcher_carries_on()
    {
        var watcher = StartWatcher();
        var ftdi = RecordedDevice.Ftdi();
        var whole = ftdi.DeviceEvent("add", 1);

        watcher.Tell(new InjectUevent(whole[..(whole.Length - 7)]));                   // cut inside the last property
        watcher.Tell(new InjectUevent(whole[..40]));                                     // cut inside the header's properties
        watcher.Tell(new InjectUevent([]));
        watcher.Tell(new InjectUevent("libudev\0\xfe\xed\xca\xfe"u8.ToArray()));         // udevd's format
        watcher.Tell(new InjectUevent("add@/devices/x\0ACTION=add\0DEVPATH=/devices/y\0SEQNUM=1\0"u8.ToArray()));
        watcher.Tell(new InjectUevent([0xff, 0x40, 0x2f, 0x00, 0xc3, 0x28, 0x00]));
        watcher.Tell(new InjectUevent("add@/devices/z\0ACTION=add\0DEVPATH=/devices/z\0SUBSYSTEM=usb\0DEVTYPE=usb_device\0PRODUCT=zz/1/0\0SEQNUM=2\0"u8.ToArray()));
        AwaitCondition(() => Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Malformed == 7, Patience, "7 refused", TestContext.Current.CancellationToken);

        Sysfs.Add(ftdi);
        watcher.Tell(new InjectUevent(whole));

        Assert.Equal("1-2", ExpectEvent<DeviceAttached>().Device.Id);
        AwaitCondition(() => Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).UeventsReceived == 8, Patience, "8 read", TestContext.Current.CancellationToken);
        Assert.Equal(7, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Malformed);
        Assert.Single(Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices);
    }

    [Fact]
    public void A_storm_of_ten_thousand_uevents_leaves_the_right_table_and_coalesced_events()
    {
        var watcher = StartWatcher(Settings(TimeSpan.FromMilliseconds(200)));
        var devices = Enumerable.Range(0, 50).Select(i => RecordedDevice.Ftdi($"2-{i + 1}", 10 + i, $"SER{i:000}") with { Interfaces = [] }).ToList();
        var seq = 1;
        var sent = 0;

        // 50 devices, each added and removed 100 times (the last time only added, for the even ones): 10,000 uevents.
        for (var round = 0; round < 100; round++)
        {
            foreach (var device in devices)
            {
                watcher.Tell(new InjectUevent(device.DeviceEvent("add", seq++)));
                sent++;
                if (round < 99 || devices.IndexOf(device) % 2 == 1)
                {
                    watcher.Tell(new InjectUevent(device.DeviceEvent("remove", seq++)));
                    sent++;
                }
            }
        }

        Assert.Equal(9975, sent);
        for (var i = 0; i < 25; i++)
        {
            watcher.Tell(new InjectUevent([0x21])); // and 25 malformed ones make 10,000
        }

        AwaitCondition(
            () => Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).UeventsReceived == 10_000,
            Patience,
            "every uevent was read",
            TestContext.Current.CancellationToken);
        AwaitCondition(
            () => Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices.Count == 25,
            Patience,
            "the table settles on the 25 devices left plugged in",
            TestContext.Current.CancellationToken);
        var status = Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance);
        Assert.Equal(25, status.Malformed);
        Assert.Equal(0, status.InjectDropped);
        Assert.Equal(
            devices.Where((_, i) => i % 2 == 0).Select(d => d.Id).Order(StringComparer.Ordinal),
            Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices.Select(d => d.Id).Order(StringComparer.Ordinal));

        // Each device's flapping is coalesced: far fewer events than uevents, and the history stays within its bound.
        Assert.InRange(status.Events, 25, 1000);
        Assert.InRange(Query<UsbHistory>(watcher, new GetUsbHistory(100_000)).Events.Count, 25, 500);
    }

    [Fact]
    public void A_resynchronization_emits_only_the_differences()
    {
        var ftdi = RecordedDevice.Ftdi();
        var keyboard = RecordedDevice.Keyboard("1-4");
        Sysfs.Add(ftdi);
        Sysfs.Add(keyboard);
        var watcher = StartWatcher();
        ExpectEvent<DeviceAttached>();
        ExpectEvent<DeviceAttached>();

        // Changes the uevents did not tell (as after ENOBUFS): one device gone, one new.
        Sysfs.Remove(keyboard);
        Sysfs.Add(RecordedDevice.FlashDrive("1-5"));
        watcher.Tell(UeventsLost.Instance);

        var events = new UsbDeviceEvent[] { ExpectEvent<DeviceDetached>(), ExpectEvent<DeviceAttached>() };
        Assert.Equal(["1-4", "1-5"], events.Select(e => e.Device.Id));
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        Assert.Equal(1, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Overflows);
        Assert.Equal(0, Query<UsbResynchronized>(watcher, ResynchronizeUsb.Instance).Differences);
    }

    [Fact]
    public async Task After_a_restart_the_history_is_back_and_only_what_changed_meanwhile_is_emitted()
    {
        var ftdi = RecordedDevice.Ftdi();
        var drive = RecordedDevice.FlashDrive("1-5");
        Sysfs.Add(ftdi);
        Sysfs.Add(drive);
        var first = ActorSystem.Create("usb-first", DaemonConfig);
        var watcher = StartWatcher(system: first);
        AwaitCondition(() => Query<UsbHistory>(watcher, new GetUsbHistory()).Events.Count == 2, Patience, "both attached", TestContext.Current.CancellationToken);
        AwaitCondition(() => Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Devices == 2, Patience, "both in the table", TestContext.Current.CancellationToken);
        await first.Terminate().WaitAsync(Patience, TestContext.Current.CancellationToken);

        // While the daemon was down, the drive was pulled out.
        Sysfs.Remove(drive);
        var restarted = StartWatcher();

        var detached = ExpectEvent<DeviceDetached>();
        Assert.Equal(("1-5", 3L), (detached.Device.Id, detached.Sequence));
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        var history = Query<UsbHistory>(restarted, new GetUsbHistory()).Events;
        Assert.Equal(["attached", "attached", "detached"], history.Select(e => e.Kind));
    }

    [Fact]
    public void Snapshots_bound_the_journal_and_recovery_from_one_gives_the_same_table_and_history()
    {
        var watcher = StartWatcher(Settings() with { SnapshotEvery = 10, HistoryLimit = 15 });
        var ftdi = RecordedDevice.Ftdi() with { Interfaces = [] };
        var seq = 1;
        Sysfs.Add(ftdi);
        for (var i = 0; i < 12; i++)
        {
            watcher.Tell(new InjectUevent(ftdi.DeviceEvent("add", seq++)));
            watcher.Tell(new InjectUevent(ftdi.DeviceEvent("remove", seq++)));
        }

        watcher.Tell(new InjectUevent(ftdi.DeviceEvent("add", seq++)));
        AwaitCondition(() => Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).Events == 25, Patience, "25 events", TestContext.Current.CancellationToken);
        var before = Query<UsbHistory>(watcher, new GetUsbHistory(1000)).Events;
        Assert.Equal(15, before.Count);

        Watch(watcher);
        Sys.Stop(watcher);
        ExpectTerminated(watcher, Patience, cancellationToken: TestContext.Current.CancellationToken);
        var restarted = StartWatcher(Settings() with { SnapshotEvery = 10, HistoryLimit = 15 });

        var after = Query<UsbHistory>(restarted, new GetUsbHistory(1000)).Events;
        Assert.Equal(before.Select(e => (e.Sequence, e.Kind)), after.Select(e => (e.Sequence, e.Kind)));
        Assert.Equal("1-2", Assert.Single(Query<UsbDeviceList>(restarted, ListUsbDevices.Instance).Devices).Id);
    }
}
