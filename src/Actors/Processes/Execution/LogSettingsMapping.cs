using OsLogSettings = ProcessManager.Actors.Os.Logs.LogSettings;

namespace ProcessManager.Actors.Processes.Execution;

/// <summary>From a spec's log settings to the os layer's capture settings.</summary>
internal static class LogSettingsMapping
{
    // The os layer bounds its write queue in bytes; a spec speaks in lines. Lines are assumed to
    // average this many bytes, and the queue always fits at least one line of the longest length.
    private const int AssumedBytesPerLine = 512;

    public static OsLogSettings ToOs(Protocol.LogSettings logs) => new()
    {
        MaxSize = logs.MaxFileBytes,
        Keep = logs.MaxFiles,
        TotalCap = logs.TotalCapBytes,
        Timestamps = logs.Timestamps,
        Merge = logs.Merge,
        RingBufferLines = logs.TailLines,
        MaxLineLength = logs.MaxLineLength,
        QueueCapacity = Math.Max((long)logs.QueueCapacityLines * AssumedBytesPerLine, logs.MaxLineLength + 64L),
    };
}
