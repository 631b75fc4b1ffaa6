using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>Rules: the watcher tells the process supervisor (a probe here) to start and stop the right per-device apps.</summary>
public sealed class UsbRuleTests : UsbWatcherTestBase
{
    private static readonly ProcessSpec Template = new()
    {
        Name = "logger",
        Argv = ["/usr/bin/serial-logger"],
        Environment = new Dictionary<string, string> { ["BAUD"] = "115200" },
    };

    private static UsbRule FtdiRule(string? serial = null) =>
        new("logger", new UsbMatch { Vendor = "0403", Product = "6001", Serial = serial }, UsbAttachAction.Start, UsbDetachAction.Stop, new AppRuleTarget(Template));

    [Fact]
    public void A_matching_device_starts_its_own_instance_with_the_device_in_its_environment_and_its_departure_stops_it()
    {
        var supervisor = CreateTestProbe("supervisor");
        var watcher = StartWatcher(rules: [FtdiRule()], supervisor: supervisor.Ref);

        Plug(watcher, RecordedDevice.Keyboard("1-1")); // not matching
        Plug(watcher, RecordedDevice.Ftdi());

        var start = supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken);
        var spec = start.Spec;
        Assert.Equal("logger.1-2", spec.Name);
        Assert.Equal(["/usr/bin/serial-logger"], spec.Argv);
        Assert.Equal(1, spec.Instances);
        Assert.Equal("115200", spec.Environment["BAUD"]);
        Assert.Equal("/dev/bus/usb/001/005", spec.Environment["PBM_USB_DEVNODE"]);
        Assert.Equal(("0403", "6001", "A50285BI"), (spec.Environment["PBM_USB_VENDOR"], spec.Environment["PBM_USB_PRODUCT"], spec.Environment["PBM_USB_SERIAL"]));
        Assert.Equal(("001", "005", "1-2"), (spec.Environment["PBM_USB_BUSNUM"], spec.Environment["PBM_USB_DEVNUM"], spec.Environment["PBM_USB_ID"]));
        Assert.Empty(spec.Validate());
        Assert.Equal(["logger.1-2"], Query<UsbDeviceDescription>(watcher, new DescribeUsbDevice("1-2")).BoundApps);
        Assert.Empty(Query<UsbDeviceDescription>(watcher, new DescribeUsbDevice("1-1")).BoundApps);

        Unplug(watcher, RecordedDevice.Ftdi());

        Assert.Equal("logger.1-2", supervisor.ExpectMsg<DeleteProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Name);
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Several_matching_devices_start_one_instance_each_and_only_the_departed_one_stops()
    {
        var supervisor = CreateTestProbe("supervisor");
        var watcher = StartWatcher(rules: [FtdiRule()], supervisor: supervisor.Ref);

        Plug(watcher, RecordedDevice.Ftdi("1-2", 5, "AAA"));
        Plug(watcher, RecordedDevice.Ftdi("1-4", 9, "BBB"));

        var started = new[]
        {
            supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken),
            supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken),
        };
        Assert.Equal(["logger.1-2", "logger.1-4"], started.Select(s => s.Spec.Name));
        Assert.Equal(["AAA", "BBB"], started.Select(s => s.Spec.Environment["PBM_USB_SERIAL"]));

        Unplug(watcher, RecordedDevice.Ftdi("1-4", 9, "BBB"));

        Assert.Equal("logger.1-4", supervisor.ExpectMsg<DeleteProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Name);
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_serial_in_the_match_binds_only_that_device()
    {
        var supervisor = CreateTestProbe("supervisor");
        var watcher = StartWatcher(rules: [FtdiRule(serial: "BBB")], supervisor: supervisor.Ref);

        Plug(watcher, RecordedDevice.Ftdi("1-2", 5, "AAA"));
        Plug(watcher, RecordedDevice.Ftdi("1-4", 9, "BBB"));

        Assert.Equal("logger.1-4", supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Name);
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_device_replugged_within_the_window_restarts_its_program_with_the_new_device_node_once()
    {
        var supervisor = CreateTestProbe("supervisor");
        var watcher = StartWatcher(Settings(TimeSpan.FromSeconds(1)), [FtdiRule()], supervisor.Ref);
        var ftdi = RecordedDevice.Ftdi();
        Plug(watcher, ftdi);
        Assert.Equal("/dev/bus/usb/001/005", supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Environment["PBM_USB_DEVNODE"]);

        Unplug(watcher, ftdi);
        Plug(watcher, ftdi with { DevNum = 6 });

        // No stop: the program is replaced once, with the device's new node.
        Assert.Equal("/dev/bus/usb/001/006", supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Environment["PBM_USB_DEVNODE"]);
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(1300), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Commands_follow_the_match_before_and_after_a_change()
    {
        var rule = FtdiRule(serial: "AAA");
        var before = new UsbDevice("1-2", "/devices/x/1-2", "0403", "6001") { Serial = null };
        var after = before with { Serial = "AAA" };

        var appeared = UsbRuleCommands.For(new DeviceChanged(2, DateTimeOffset.UnixEpoch, after, before), [rule], "/sys");
        var vanished = UsbRuleCommands.For(new DeviceChanged(3, DateTimeOffset.UnixEpoch, before, after), [rule], "/sys");
        var unchanged = UsbRuleCommands.For(new DeviceChanged(4, DateTimeOffset.UnixEpoch, after with { Speed = "480" }, after), [rule], "/sys");
        var ignored = UsbRuleCommands.For(new DeviceDetached(5, DateTimeOffset.UnixEpoch, after), [rule with { OnDetach = UsbDetachAction.Ignore }], "/sys");

        Assert.Equal("logger.1-2", Assert.IsType<StartProcess>(Assert.Single(appeared)).Spec.Name);
        Assert.Equal("logger.1-2", Assert.IsType<DeleteProcess>(Assert.Single(vanished)).Name);
        Assert.Empty(unchanged);
        Assert.Empty(ignored);
    }
}
