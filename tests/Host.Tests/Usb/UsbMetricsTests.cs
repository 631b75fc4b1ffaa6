using ProcessManager.Host.Tests.Observability;

namespace ProcessManager.Host.Tests.Usb;

/// <summary>/metrics carries the USB watcher's counters: a device on the (fake) bus at start is in the table and its attach is counted.</summary>
public sealed partial class UsbDaemonTests
{
    [Fact]
    public async Task Metrics_show_the_usb_watchers_device_table_and_events()
    {
        CreateFakeDevice();
        var config = Path.Combine(_home, "daemon.conf");
        await File.WriteAllTextAsync(config, $$"""
            pbm.usb { sysfs-root = "{{Sysfs}}", debounce = 0 }
            pbm.observability.sample-interval = 100ms
            """, TestContext.Current.CancellationToken);
        await using var daemon = await TestDaemon.StartAsync(configure: pm => pm.Options.ConfigFile = config, home: _home);

        var samples = await UnixScrape.UntilAsync(daemon.Ready.SocketPath, s => UnixScrape.Value(s, "pbm_usb_devices") == 1, TestContext.Current.CancellationToken);

        Assert.Equal(1, UnixScrape.Value(samples, "pbm_usb_devices"));
        Assert.True(UnixScrape.Value(samples, "pbm_usb_events_total") >= 1);
        Assert.Equal(0, UnixScrape.Value(samples, "pbm_usb_malformed_total"));
    }
}
