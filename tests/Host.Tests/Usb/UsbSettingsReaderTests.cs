using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests.Usb;

public sealed class UsbSettingsReaderTests
{
    private static Config Reference() =>
        PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = "/srv/pbm" }).Config;

    [Fact]
    public void Reference_conf_gives_the_documented_defaults_and_each_key_reaches_its_setting()
    {
        var defaults = UsbSettingsReader.Read(Reference(), 7);
        Assert.Equal((true, "/sys", TimeSpan.FromMilliseconds(250), 1000, 4 * 1024 * 1024, 1024, 100), (defaults.Enabled, defaults.SysfsRoot, defaults.Debounce, defaults.HistoryLimit, defaults.ReceiveBufferBytes, defaults.MaxDevices, defaults.SnapshotEvery));

        var set = UsbSettingsReader.Read(
            ConfigurationFactory.ParseString("pbm.usb { enabled = off, sysfs-root = /tmp/sys, debounce = 0, history = 5, receive-buffer = 1MiB, max-devices = 9, inject-queue = 8, max-uevent-subscribers = 2, snapshot-every = 3 }").WithFallback(Reference()),
            7);

        Assert.Equal(
            (false, "/tmp/sys", TimeSpan.Zero, 5, 1024 * 1024, 9, 8, 2, 3),
            (set.Enabled, set.SysfsRoot, set.Debounce, set.HistoryLimit, set.ReceiveBufferBytes, set.MaxDevices, set.InjectQueue, set.MaxUeventSubscribers, set.SnapshotEvery));
    }

    [Fact]
    public void A_value_out_of_range_names_the_setting_and_its_line()
    {
        var config = ConfigurationFactory.ParseString("pbm.usb {\n  history = 0\n}", new HoconParseOptions { OriginDescription = "pbm.conf" }).WithFallback(Reference());

        var error = Assert.Throws<ConfigurationException>(() => UsbSettingsReader.Read(config, 100));

        Assert.Contains("pbm.conf:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("pbm.usb.history", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_pbm_usb_is_no_longer_a_warning_but_a_typo_in_it_is()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pbm-usb-conf-").FullName, "pbm.conf");
        File.WriteAllText(file, "pbm.usb.enabled = on\npbm.usb.debunce = 1s\n");

        var warnings = PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = "/srv/pbm", ConfigFile = file }).Warnings;

        Assert.Equal("pbm.usb.debunce", Assert.Single(warnings).Path);
    }
}
