using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests.Plugins;

public sealed class PluginSettingsReaderTests
{
    private static Config Reference() =>
        PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = "/srv/pbm" }).Config;

    [Fact]
    public void The_watch_settings_come_from_reference_conf_and_reach_the_host()
    {
        var defaults = PluginSettingsReader.Read(Reference(), "/srv/pbm");
        var set = PluginSettingsReader.Read(
            ConfigurationFactory.ParseString("pbm.plugins { watch-debounce = 1s, watch-max-directories = 7 }").WithFallback(Reference()),
            "/srv/pbm");

        Assert.Equal((TimeSpan.FromMilliseconds(300), 1000), (defaults.WatchDebounce, defaults.WatchMaxDirectories));
        Assert.Equal((TimeSpan.FromSeconds(1), 7), (set.WatchDebounce, set.WatchMaxDirectories));
    }

    [Fact]
    public void A_watch_bound_out_of_range_names_the_setting_and_its_line()
    {
        var config = ConfigurationFactory.ParseString("pbm.plugins {\n  watch-max-directories = 0\n}", new HoconParseOptions { OriginDescription = "pbm.conf" }).WithFallback(Reference());

        var error = Assert.Throws<ConfigurationException>(() => PluginSettingsReader.Read(config, "/srv/pbm"));

        Assert.Contains("pbm.conf:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("pbm.plugins.watch-max-directories", error.Message, StringComparison.Ordinal);
    }
}
