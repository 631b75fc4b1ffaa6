namespace ProcessManager.Hocon;

/// <summary>Base of every error raised by the HOCON parser, resolver and typed getters.</summary>
public class ConfigurationException : Exception
{
    public ConfigurationException() { }

    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception inner) : base(message, inner) { }

    public ConfigurationException(string message, HoconOrigin? origin) : base(origin is null ? message : $"{origin}: {message}")
    {
        Origin = origin;
    }

    /// <summary>Where the offending value was set, when known.</summary>
    public HoconOrigin? Origin { get; }
}
