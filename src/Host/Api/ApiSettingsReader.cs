using System.Globalization;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Api;

/// <summary>Reads <see cref="ApiSettings"/> from HOCON <c>pbm.api</c>; a missing key keeps its default.</summary>
public static class ApiSettingsReader
{
    /// <summary>The settings under <c>pbm.api</c> of <paramref name="config"/>.</summary>
    /// <exception cref="ConfigurationException">A value of the wrong type or out of range, naming the key.</exception>
    public static ApiSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = new ApiSettings();
        if (!config.HasPath("pbm.api"))
        {
            return defaults;
        }

        var api = config.GetConfig("pbm.api");
        var settings = new ApiSettings
        {
            UnixSocketEnabled = api.GetBoolean("unix-socket.enabled", defaults.UnixSocketEnabled),
            UnixSocketPath = SettingsReading.Optional(api.GetString("unix-socket.path", null)),
            UnixSocketMode = Mode(api.GetString("unix-socket.mode", null), defaults.UnixSocketMode),
            TcpEnabled = api.GetBoolean("tcp.enabled", defaults.TcpEnabled),
            TcpBind = api.GetString("tcp.bind", defaults.TcpBind)!,
            TcpPort = api.GetInt("tcp.port", defaults.TcpPort),
            TokenFile = SettingsReading.Optional(api.GetString("tcp.token-file", null)),
            TlsCertificate = SettingsReading.Optional(api.GetString("tcp.tls.certificate", null)),
            TlsKey = SettingsReading.Optional(api.GetString("tcp.tls.key", null)),
            TlsPassword = SettingsReading.Optional(api.GetString("tcp.tls.password", null)),
            MaxConnections = api.GetInt("max-connections", defaults.MaxConnections),
            OverloadConnections = api.GetInt("overload-connections", defaults.OverloadConnections),
            TcpMaxConnections = api.GetInt("tcp.max-connections", defaults.TcpMaxConnections),
            TcpOverloadConnections = api.GetInt("tcp.overload-connections", defaults.TcpOverloadConnections),
            HeaderTimeout = api.GetTimeSpan("header-timeout", defaults.HeaderTimeout),
            HeartbeatInterval = api.GetTimeSpan("heartbeat-interval", defaults.HeartbeatInterval),
            RejectedLogInterval = api.GetTimeSpan("rejected-log-interval", defaults.RejectedLogInterval),
            RequestTimeout = api.GetTimeSpan("request-timeout", defaults.RequestTimeout),
            CommandTimeout = api.GetTimeSpan("command-timeout", defaults.CommandTimeout),
            MaxRequestSize = api.GetByteSize("max-request-size", defaults.MaxRequestSize),
            MaxConcurrentStreams = api.GetInt("max-concurrent-streams", defaults.MaxConcurrentStreams),
            LatencySamples = api.GetInt("latency-samples", defaults.LatencySamples),
            EventBuffer = api.GetInt("event-buffer", defaults.EventBuffer),
        };
        return SettingsReading.Validated(settings, s => s.Validate());
    }

    private static UnixFileMode Mode(string? text, UnixFileMode defaultValue)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        try
        {
            var mode = Convert.ToInt32(text.Trim(), 8);
            if (mode is < 0 or > 0b111_111_111)
            {
                throw new FormatException();
            }

            return (UnixFileMode)mode;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new ConfigurationException($"pbm.api.unix-socket.mode must be an octal file mode such as \"0600\" or \"0660\", not '{text}'");
        }
    }
}
