namespace ProcessManager.Hocon;

/// <summary>A required path has no value (or is null).</summary>
public sealed class ConfigMissingException : ConfigurationException
{
    public ConfigMissingException() { }

    public ConfigMissingException(string message) : base(message) { }

    public ConfigMissingException(string message, Exception inner) : base(message, inner) { }

    public ConfigMissingException(string path, HoconOrigin? origin)
        : base($"No configuration setting found for key '{path}'", origin)
    {
        Path = path;
    }

    public string? Path { get; }
}
