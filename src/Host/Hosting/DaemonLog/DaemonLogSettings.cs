using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting.DaemonLog;

/// <summary>
/// The daemon's own log file when it runs in the background (HOCON <c>pbm.daemon-log</c>): at most
/// <see cref="MaxSize"/> bytes in the current file and <see cref="Keep"/> rotated ones, so at most
/// (Keep + 1) × MaxSize on disk.
/// </summary>
public sealed record DaemonLogSettings
{
    /// <summary>Size at which the file is rotated (<c>max-size</c>); default 10 MiB, at least 1 KiB.</summary>
    public long MaxSize { get; init; } = 10 * 1024 * 1024;

    /// <summary>Rotated files kept, <c>pbmd.log.1</c> the newest (<c>keep</c>); default 3, 0 to 100.</summary>
    public int Keep { get; init; } = 3;

    /// <summary>Log lines waiting for the writer at most (<c>queue</c>); default 4096; beyond it lines are dropped and counted.</summary>
    public int Queue { get; init; } = 4096;

    /// <summary>The settings under <c>pbm.daemon-log</c>; a missing key keeps its default.</summary>
    /// <exception cref="ConfigurationException">A value out of range, naming the key.</exception>
    public static DaemonLogSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = new DaemonLogSettings();
        if (!config.HasPath("pbm.daemon-log"))
        {
            return defaults;
        }

        var block = config.GetConfig("pbm.daemon-log");
        var settings = new DaemonLogSettings
        {
            MaxSize = block.GetByteSize("max-size", defaults.MaxSize),
            Keep = block.GetInt("keep", defaults.Keep),
            Queue = block.GetInt("queue", defaults.Queue),
        };
        Check(settings.MaxSize >= 1024, block, "max-size", settings.MaxSize, "at least 1KiB");
        Check(settings.Keep is >= 0 and <= 100, block, "keep", settings.Keep, "0-100 files");
        Check(settings.Queue is >= 16 and <= 1024 * 1024, block, "queue", settings.Queue, "16-1048576 lines");
        return settings;
    }

    private static void Check(bool ok, Config block, string key, object value, string rule)
    {
        if (!ok)
        {
            throw new ConfigurationException($"pbm.daemon-log.{key} = {value}: must be {rule}", block.GetValue(key)?.Origin);
        }
    }
}
