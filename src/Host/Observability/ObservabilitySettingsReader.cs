using ProcessManager.Hocon;

namespace ProcessManager.Host.Observability;

/// <summary>Reads <see cref="ObservabilitySettings"/> from HOCON <c>pbm.observability</c>; a missing key keeps its default.</summary>
public static class ObservabilitySettingsReader
{
    /// <exception cref="ConfigurationException">A value of the wrong type or out of range, naming the key.</exception>
    public static ObservabilitySettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = new ObservabilitySettings();
        if (!config.HasPath("pbm.observability"))
        {
            return defaults;
        }

        var o = config.GetConfig("pbm.observability");
        var endpoint = o.GetString("otlp.endpoint", null);
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint, UriKind.Absolute, out otlp))
        {
            throw new ConfigurationException($"pbm.observability.otlp.endpoint must be an absolute URL such as http://collector:4317, not '{endpoint}'");
        }

        var settings = new ObservabilitySettings
        {
            SampleInterval = o.GetTimeSpan("sample-interval", defaults.SampleInterval),
            IdleSampleInterval = o.GetTimeSpan("idle-sample-interval", defaults.IdleSampleInterval),
            DemandWindow = o.GetTimeSpan("demand-window", defaults.DemandWindow),
            History = o.GetInt("history", defaults.History),
            MaxPrograms = o.GetInt("max-programs", defaults.MaxPrograms),
            StreamBuffer = o.GetInt("stream-buffer", defaults.StreamBuffer),
            MetricsEnabled = o.GetBoolean("metrics.enabled", defaults.MetricsEnabled),
            ScrapeTokenFile = SettingsReading.Optional(o.GetString("metrics.scrape-token-file", null)),
            HealthUnauthenticated = o.GetBoolean("health.unauthenticated", defaults.HealthUnauthenticated),
            HealthTimeout = o.GetTimeSpan("health.timeout", defaults.HealthTimeout),
            OtlpEnabled = o.GetBoolean("otlp.enabled", defaults.OtlpEnabled),
            OtlpEndpoint = otlp ?? defaults.OtlpEndpoint,
            OtlpProtocol = o.GetString("otlp.protocol", defaults.OtlpProtocol)!,
            OtlpInterval = o.GetTimeSpan("otlp.interval", defaults.OtlpInterval),
            OtlpTraces = o.GetBoolean("otlp.traces", defaults.OtlpTraces),
            TraceSampleRatio = o.GetDouble("otlp.trace-sample-ratio", defaults.TraceSampleRatio),
            DashboardEnabled = o.GetBoolean("dashboard.enabled", defaults.DashboardEnabled),
            MaxSessions = o.GetInt("dashboard.max-sessions", defaults.MaxSessions),
            SessionLifetime = o.GetTimeSpan("dashboard.session-lifetime", defaults.SessionLifetime),
            LoginCodeLifetime = o.GetTimeSpan("dashboard.login-code-lifetime", defaults.LoginCodeLifetime),
            MaxLoginCodes = o.GetInt("dashboard.max-login-codes", defaults.MaxLoginCodes),
            LoginAttempts = o.GetInt("dashboard.login-attempts", defaults.LoginAttempts),
            LoginWindow = o.GetTimeSpan("dashboard.login-window", defaults.LoginWindow),
            LoginTrackedAddresses = o.GetInt("dashboard.login-tracked-addresses", defaults.LoginTrackedAddresses),
            HeapTrimInterval = o.GetTimeSpan("heap-trim-interval", defaults.HeapTrimInterval),
            HeapTrimAfter = o.GetByteSize("heap-trim-after", defaults.HeapTrimAfter),
        };
        return SettingsReading.Validated(settings, s => s.Validate());
    }
}
