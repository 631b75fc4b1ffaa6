namespace ProcessManager.Actors.Usb;

/// <summary>The USB watcher's settings (pbm.usb in hocon/reference.conf, where each is documented).</summary>
public sealed record UsbWatcherSettings
{
    public static UsbWatcherSettings Default { get; } = new();

    /// <summary>pbm.usb.enabled: run the watcher at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>pbm.usb.sysfs-root: where sysfs is mounted (a fake tree in tests).</summary>
    public string SysfsRoot { get; init; } = "/sys";

    /// <summary>Follow the kernel's uevents (false in tests that inject recorded ones).</summary>
    public bool Netlink { get; init; } = true;

    /// <summary>pbm.usb.debounce: further changes of a device within this window after one are coalesced; zero = none.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>pbm.usb.history: device events kept in memory and in the latest snapshot.</summary>
    public int HistoryLimit { get; init; } = 1000;

    /// <summary>pbm.usb.receive-buffer: the netlink socket's kernel buffer (bytes).</summary>
    public int ReceiveBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>pbm.usb.max-devices: the device table's bound; devices beyond it are refused and counted.</summary>
    public int MaxDevices { get; init; } = 1024;

    /// <summary>pbm.usb.inject-queue: recorded uevents waiting to be read (tests, benchmarks, replays); beyond it they are dropped and counted.</summary>
    public int InjectQueue { get; init; } = 16384;

    /// <summary>pbm.usb.max-uevent-subscribers: raw-uevent subscribers at once.</summary>
    public int MaxUeventSubscribers { get; init; } = 16;

    /// <summary>pbm.usb.snapshot-every: a snapshot every this many events; 0 = never.</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SysfsRoot) || !SysfsRoot.StartsWith('/'))
        {
            throw new ArgumentException($"pbm.usb.sysfs-root must be an absolute path, not '{SysfsRoot}'", nameof(SysfsRoot));
        }

        Require(Debounce >= TimeSpan.Zero && Debounce <= TimeSpan.FromMinutes(1), "pbm.usb.debounce must be between 0 and 1m");
        Require(HistoryLimit is >= 1 and <= 1_000_000, "pbm.usb.history must be between 1 and 1000000");
        Require(ReceiveBufferBytes is >= 4096 and <= 1 << 30, "pbm.usb.receive-buffer must be between 4KiB and 1GiB");
        Require(MaxDevices is >= 1 and <= 1_000_000, "pbm.usb.max-devices must be between 1 and 1000000");
        Require(InjectQueue is >= 1 and <= 10_000_000, "pbm.usb.inject-queue must be between 1 and 10000000");
        Require(MaxUeventSubscribers is >= 0 and <= 1024, "pbm.usb.max-uevent-subscribers must be between 0 and 1024");
        Require(SnapshotEvery >= 0, "pbm.usb.snapshot-every must not be negative");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
