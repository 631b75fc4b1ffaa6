using ProcessManager.Actors.Os.Logs;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting;

/// <summary>Reads <c>pbm.output-capture</c>: the FIFOs programs write their output into (null = plain pipes).</summary>
internal static class OutputCaptureSettingsReader
{
    /// <exception cref="ConfigurationException">A value of the wrong type or out of range, naming the key and its line.</exception>
    public static OutputCaptureSettings? Read(Config config, string home)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaultDirectory = Path.Combine(home, "run", "output");
        if (!config.HasPath("pbm.output-capture"))
        {
            return new OutputCaptureSettings(defaultDirectory);
        }

        var block = config.GetConfig("pbm.output-capture");
        if (!block.GetBoolean("fifos", true))
        {
            return null;
        }

        var size = block.GetByteSize("pipe-size", OutputCaptureSettings.DefaultPipeSize);
        var settings = new OutputCaptureSettings(
            SettingsReading.Optional(block.GetString("fifo-directory", null)) ?? defaultDirectory,
            (int)Math.Clamp(size, 0, int.MaxValue));
        try
        {
            settings.Validate();
        }
        catch (ArgumentException error)
        {
            var key = error.Message.Contains("pipe-size", StringComparison.Ordinal) ? "pipe-size" : "fifo-directory";
            throw new ConfigurationException("pbm." + error.Message, block.GetValue(key)?.Origin ?? block.Root.Origin);
        }

        return settings;
    }
}
