using ProcessManager.Actors.Usb;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting;

/// <summary>Reads <see cref="UsbWatcherSettings"/> from HOCON <c>pbm.usb</c>; a missing key keeps its default.</summary>
internal static class UsbSettingsReader
{
    private static readonly string[] Keys = ["sysfs-root", "debounce", "history", "receive-buffer", "max-devices", "inject-queue", "max-uevent-subscribers", "snapshot-every"];

    /// <exception cref="ConfigurationException">A value of the wrong type or out of range, naming the key.</exception>
    public static UsbWatcherSettings Read(Config config, int snapshotEvery)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = UsbWatcherSettings.Default;
        if (!config.HasPath("pbm.usb"))
        {
            return defaults with { SnapshotEvery = snapshotEvery };
        }

        var usb = config.GetConfig("pbm.usb");
        var settings = new UsbWatcherSettings
        {
            Enabled = usb.GetBoolean("enabled", defaults.Enabled),
            SysfsRoot = usb.GetString("sysfs-root", defaults.SysfsRoot)!,
            Debounce = usb.GetTimeSpan("debounce", defaults.Debounce),
            HistoryLimit = usb.GetInt("history", defaults.HistoryLimit),
            ReceiveBufferBytes = (int)Math.Min(int.MaxValue, usb.GetByteSize("receive-buffer", defaults.ReceiveBufferBytes)),
            MaxDevices = usb.GetInt("max-devices", defaults.MaxDevices),
            InjectQueue = usb.GetInt("inject-queue", defaults.InjectQueue),
            MaxUeventSubscribers = usb.GetInt("max-uevent-subscribers", defaults.MaxUeventSubscribers),
            SnapshotEvery = usb.GetInt("snapshot-every", snapshotEvery),
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException error)
        {
            // The message names the setting: point at the line that set it.
            var key = Keys.FirstOrDefault(key => error.Message.Contains("pbm.usb." + key + " ", StringComparison.Ordinal));
            throw new ConfigurationException(error.Message, (key is null ? null : usb.GetValue(key))?.Origin ?? usb.Root.Origin);
        }

        return settings;
    }
}
