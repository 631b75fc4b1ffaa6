using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>The tty of a USB serial adapter: read from sysfs or from its tty uevent, passed to the bound program.</summary>
public sealed class UsbTtyTests : UsbWatcherTestBase
{
    private static readonly ProcessSpec Template = new() { Name = "console", Argv = ["/usr/bin/serial-console"] };

    private static UsbRule Rule(string vendor) =>
        new("console", new UsbMatch { Vendor = vendor }, UsbAttachAction.Start, UsbDetachAction.Stop, new AppRuleTarget(Template));

    [Fact]
    public void A_usb_serial_adapter_present_at_start_has_its_tty_read_from_sysfs_and_passed_to_its_program()
    {
        Sysfs.Add(RecordedDevice.FtdiWithTty(tty: "ttyUSB3"));
        var supervisor = CreateTestProbe("supervisor");
        var watcher = StartWatcher(rules: [Rule("0403")], supervisor: supervisor.Ref);

        var start = supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("/dev/ttyUSB3", start.Spec.Environment["PBM_USB_TTY"]);
        Assert.False(start.Spec.Environment.ContainsKey("PBM_USB_TTYS"));
        var device = Query<UsbDeviceDescription>(watcher, new DescribeUsbDevice("1-2")).Device;
        Assert.Equal("ttyUSB3", Assert.Single(device.Interfaces).Tty);
        Assert.Equal(["/dev/ttyUSB3"], device.TtyNodes);
    }

    [Fact]
    public void A_tty_that_appears_after_the_device_changes_it_and_restarts_its_program_with_the_tty()
    {
        var supervisor = CreateTestProbe("supervisor");
        var watcher = StartWatcher(rules: [Rule("2341")], supervisor: supervisor.Ref);
        var arduino = RecordedDevice.Arduino();

        // The kernel announces the device before cdc_acm created its tty: sysfs has no tty yet when the add is read.
        var withoutTty = arduino with { Interfaces = [.. arduino.Interfaces.Select(i => i with { Tty = null })] };
        Plug(watcher, withoutTty);
        Assert.Empty(ExpectEvent<DeviceAttached>().Device.TtyNodes);
        Assert.False(supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Environment.ContainsKey("PBM_USB_TTY"));

        watcher.Tell(new InjectUevent(arduino.TtyEvent("add", arduino.Interfaces[0], 5000)));

        var changed = ExpectEvent<DeviceChanged>();
        Assert.Equal(["/dev/ttyACM0"], changed.Device.TtyNodes);
        Assert.Empty(changed.Previous.TtyNodes);
        Assert.Equal("/dev/ttyACM0", supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Environment["PBM_USB_TTY"]);

        // Its removal (before the device's) takes it away again.
        watcher.Tell(new InjectUevent(arduino.TtyEvent("remove", arduino.Interfaces[0], 5001)));
        Assert.Empty(ExpectEvent<DeviceChanged>().Device.TtyNodes);
    }

    [Fact]
    public void Ttys_that_are_not_under_a_usb_interface_are_not_taken_for_one()
    {
        var watcher = StartWatcher();
        var arduino = RecordedDevice.Arduino();
        Plug(watcher, arduino with { Interfaces = [.. arduino.Interfaces.Select(i => i with { Tty = null })] });
        ExpectEvent<DeviceAttached>();

        // A console and a tty whose path only looks like an interface's: neither changes the device.
        watcher.Tell(new InjectUevent(Netlink("add", "/devices/virtual/tty/tty1", "tty1")));
        watcher.Tell(new InjectUevent(Netlink("add", arduino.DevPath + "/1-9:1.0/tty/ttyACM0", "ttyACM0")));
        watcher.Tell(new InjectUevent(Netlink("add", arduino.DevPath + "/1-5:1.0/tty/..", "..")));

        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        Assert.Empty(Query<UsbDeviceDescription>(watcher, new DescribeUsbDevice("1-5")).Device.TtyNodes);
    }

    private static byte[] Netlink(string action, string devPath, string name) =>
        Actors.Usb.Netlink.UeventParser.Format(action, devPath, new Dictionary<string, string>
        {
            ["SUBSYSTEM"] = "tty",
            ["DEVNAME"] = name,
            ["SEQNUM"] = "9000",
        });
}
