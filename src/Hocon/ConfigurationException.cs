using System.Diagnostics;

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

    /// <summary>For subclasses whose message already names the location.</summary>
    private protected ConfigurationException(HoconOrigin? origin, string message, bool messageHasLocation) : base(message)
    {
        Debug.Assert(messageHasLocation, "the message names the location itself");
        Origin = origin;
    }

    /// <summary>Where the offending value was set, when known.</summary>
    public HoconOrigin? Origin { get; }
}
