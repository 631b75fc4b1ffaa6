using System.Text.Json;
using Akka.Actor;
using ProcessManager.Actors.Plugins;
using ProcessManager.Actors.Plugins.Host;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>
/// Rules that route device events to a plugin: a real plugin host with the Python test worker gets each event of a
/// matching device as InvokePlugin(NAME, "usb", request); unknown plugins and crashing workers are counted, and the
/// watcher carries on.
/// </summary>
public sealed class UsbPluginRouteTests : UsbWatcherTestBase
{
    private string EventsFile => Home.File("usb-events.jsonl");

    [Fact]
    public void A_matching_devices_attach_and_detach_reach_the_python_plugin_as_json_requests()
    {
        var host = StartPluginHost();
        var supervisor = CreateTestProbe("supervisor");
        var rules = new[]
        {
            new UsbRule("ftdi-watch", new UsbMatch { Vendor = "0403" }, UsbAttachAction.Ignore, UsbDetachAction.Ignore, new PluginRuleTarget("py")),
        };
        var watcher = StartWatcher(rules: rules, supervisor: supervisor.Ref);
        watcher.Tell(new UsePluginHost(host));

        Plug(watcher, RecordedDevice.Keyboard("1-1")); // not matching: not sent
        Plug(watcher, RecordedDevice.FtdiWithTty());
        AwaitAssert(() => Assert.Equal(1, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).PluginDeliveries), Patience, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        Unplug(watcher, RecordedDevice.FtdiWithTty());
        // Without a debounce window the tty's removal, the driver's unbind and the interface's removal are changes of
        // their own before the device's departure.
        AwaitAssert(() => Assert.Equal(5, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).PluginDeliveries), Patience, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        var requests = File.ReadAllLines(EventsFile).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["attached", "changed", "changed", "changed", "detached"], requests.Select(r => r.GetProperty("event").GetString()));
        Assert.Equal("ttyUSB0", requests[1].GetProperty("previous").GetProperty("interfaces")[0].GetProperty("tty").GetString());
        Assert.Equal(JsonValueKind.Null, requests[1].GetProperty("device").GetProperty("interfaces")[0].GetProperty("tty").ValueKind);
        var attached = requests[0];
        Assert.Equal("ftdi-watch", attached.GetProperty("rule").GetString());
        var device = attached.GetProperty("device");
        Assert.Equal(("1-2", "0403", "6001", "A50285BI"), (device.GetProperty("id").GetString(), device.GetProperty("vendorId").GetString(), device.GetProperty("productId").GetString(), device.GetProperty("serial").GetString()));
        Assert.Equal("ttyUSB0", device.GetProperty("interfaces")[0].GetProperty("tty").GetString());
        Assert.True(attached.GetProperty("sequence").GetInt64() > 0);
        Assert.Equal(0, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).PluginFailures);

        // A plugin-only rule starts no program.
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_unknown_plugin_and_a_crashing_worker_are_counted_and_the_watcher_and_the_program_rule_carry_on()
    {
        var host = StartPluginHost();
        var supervisor = CreateTestProbe("supervisor");
        var template = new ProcessSpec { Name = "logger", Argv = ["/usr/bin/serial-logger"] };
        var rules = new[]
        {
            new UsbRule("logger", new UsbMatch { Vendor = "0403" }, UsbAttachAction.Start, UsbDetachAction.Stop, new AppRuleTarget(template)) { Plugin = "py" },
            new UsbRule("nowhere", new UsbMatch { Vendor = "0403" }, UsbAttachAction.Ignore, UsbDetachAction.Ignore, new PluginRuleTarget("missing")),
        };
        var watcher = StartWatcher(rules: rules, supervisor: supervisor.Ref);
        watcher.Tell(new UsePluginHost(host));

        Plug(watcher, RecordedDevice.Ftdi("1-2", 5, "CRASH"));

        // The program rule starts its app besides notifying the plugin.
        Assert.Equal("logger.1-2", supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Name);
        AwaitAssert(() => Assert.Equal(2, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).PluginFailures), Patience, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);

        // Still watching, and the plugin's next worker takes the next device.
        Plug(watcher, RecordedDevice.Ftdi("1-4", 9, "FINE"));
        AwaitAssert(() => Assert.Equal(1, Query<UsbWatcherStatus>(watcher, GetUsbWatcherStatus.Instance).PluginDeliveries), Patience, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        Assert.Equal("FINE", JsonDocument.Parse(Assert.Single(File.ReadAllLines(EventsFile))).RootElement.GetProperty("device").GetProperty("serial").GetString());
        Assert.Equal(2, Query<UsbDeviceList>(watcher, ListUsbDevices.Instance).Devices.Count);
    }

    [Fact]
    public void Events_for_plugins_wait_for_the_plugin_host_to_be_named()
    {
        var rules = new[] { new UsbRule("watch", new UsbMatch { Vendor = "0403" }, UsbAttachAction.Ignore, UsbDetachAction.Ignore, new PluginRuleTarget("py")) };
        var watcher = StartWatcher(rules: rules);
        Plug(watcher, RecordedDevice.Ftdi());
        ExpectEvent<Actors.Usb.Events.DeviceAttached>();

        var host = CreateTestProbe("plugins");
        watcher.Tell(new UsePluginHost(host.Ref));

        var request = host.ExpectMsg<Actors.Plugins.Messages.InvokePlugin>(Patience, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("py", "usb"), (request.Name, request.Method));
        Assert.Equal("attached", JsonDocument.Parse(request.ParamsJson).RootElement.GetProperty("event").GetString());
    }

    private IActorRef StartPluginHost()
    {
        var folder = Path.Combine(Home.File("plugins"), "py");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Plugins", "PythonPlugin", "worker.py"), Path.Combine(folder, "worker.py"));
        File.WriteAllText(Path.Combine(folder, "plugin.conf"), $$"""
            name = py
            version = "1.0"
            protocol = 1
            command = ["python3", "worker.py"]
            pool { min = 1, max = 1, queue = 10 }
            env { USB_EVENTS = "{{EventsFile}}" }
            """);
        var settings = new PluginHostSettings
        {
            Directories = [Home.File("plugins")],
            LogDirectory = Home.File("logs"),
            WatchDebounce = TimeSpan.FromMilliseconds(100),
            RestartBackoffMin = TimeSpan.FromMilliseconds(20),
            RestartBackoffMax = TimeSpan.FromMilliseconds(200),
            StartTimeout = Patience,
            StopTimeout = TimeSpan.FromSeconds(2),
        };
        var host = Sys.ActorOf(PluginHost.Props(settings, null), "plugins");
        AwaitAssert(
            () => Assert.IsType<Actors.Plugins.Messages.PluginStatus>(host.Ask<object>(new Actors.Plugins.Messages.DescribePlugin("py"), Patience).Result),
            Patience,
            TimeSpan.FromMilliseconds(50));
        return host;
    }
}
