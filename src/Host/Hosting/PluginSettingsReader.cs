using ProcessManager.Actors.Plugins;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting;

/// <summary>Reads <see cref="PluginHostSettings"/> from <c>pbm.plugins</c>; relative directories are under PBM_HOME.</summary>
internal static class PluginSettingsReader
{
    /// <exception cref="ConfigurationException">A value of the wrong type or out of range, naming the key and where it was set.</exception>
    public static PluginHostSettings Read(Config config, string home)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = PluginHostSettings.Default;
        var logs = Path.Combine(home, "logs", "plugins");
        if (!config.HasPath("pbm.plugins"))
        {
            return defaults with { Directories = [Path.Combine(home, "plugins")], LogDirectory = logs };
        }
        var p = config.GetConfig("pbm.plugins");
        var settings = new PluginHostSettings
        {
            Directories = [.. p.GetStringList("directories", [Path.Combine(home, "plugins")]).Select(d => Path.GetFullPath(d, home))],
            ManifestFileName = p.GetString("manifest-file", defaults.ManifestFileName)!,
            ManifestCacheSize = p.GetInt("manifest-cache-size", defaults.ManifestCacheSize),
            WatchDebounce = p.GetTimeSpan("watch-debounce", defaults.WatchDebounce),
            WatchMaxDirectories = p.GetInt("watch-max-directories", defaults.WatchMaxDirectories),
            MaxFrameBytes = (int)Math.Min(int.MaxValue, p.GetByteSize("max-frame-size", defaults.MaxFrameBytes)),
            AllowAbsoluteCommands = p.GetBoolean("allow-absolute-commands", defaults.AllowAbsoluteCommands),
            InheritEnvironment = p.GetStringList("inherit-environment", defaults.InheritEnvironment),
            LogDirectory = p.GetString("log-directory", null) is { Length: > 0 } dir ? Path.GetFullPath(dir, home) : logs,
            StartTimeout = p.GetTimeSpan("start-timeout", defaults.StartTimeout),
            StopTimeout = p.GetTimeSpan("stop-timeout", defaults.StopTimeout),
            RestartBackoffMin = p.GetTimeSpan("restart-backoff.min", defaults.RestartBackoffMin),
            RestartBackoffMax = p.GetTimeSpan("restart-backoff.max", defaults.RestartBackoffMax),
            MaxWorkersPerPlugin = p.GetInt("max-workers-per-plugin", defaults.MaxWorkersPerPlugin),
            MaxQueuePerPlugin = p.GetInt("max-queue-per-plugin", defaults.MaxQueuePerPlugin),
            HistorySize = p.GetInt("history.size", defaults.HistorySize),
            HistorySnapshotEvery = p.GetInt("history.snapshot-every", defaults.HistorySnapshotEvery),
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            var key = "pbm.plugins." + e.ParamName;
            throw new ConfigurationException(e.Message.Split(" (Parameter", 2)[0], config.GetValue(key)?.Origin ?? config.GetValue("pbm.plugins")?.Origin);
        }
        return settings;
    }
}
