namespace ProcessManager.Host.Observability;

/// <summary>Metrics, health and dashboard settings (HOCON <c>pbm.observability</c>), with the defaults of reference.conf.</summary>
public sealed record ObservabilitySettings
{
    /// <summary>How often the process list is sampled for metrics, charts and the dashboard (<c>sample-interval</c>).</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the process list, and every program without a memory limit, is sampled while nobody asks for figures
    /// (<c>idle-sample-interval</c>).
    /// </summary>
    public TimeSpan IdleSampleInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long after the last request for figures sampling stays at the fast cadence (<c>demand-window</c>).</summary>
    public TimeSpan DemandWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Samples kept per program for the dashboard's charts (<c>history</c>).</summary>
    public int History { get; init; } = 360;

    /// <summary>Programs whose history is kept at most; others are not charted (<c>max-programs</c>).</summary>
    public int MaxPrograms { get; init; } = 1000;

    /// <summary>Snapshots held for each live-metrics subscriber that reads slower than they come (<c>stream-buffer</c>).</summary>
    public int StreamBuffer { get; init; } = 16;

    /// <summary>Whether <c>/metrics</c> is served (<c>metrics.enabled</c>).</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>A file holding a token that is accepted for <c>/metrics</c> only, for a scraper (<c>metrics.scrape-token-file</c>).</summary>
    public string? ScrapeTokenFile { get; init; }

    /// <summary>Whether TCP callers reach <c>/health/*</c> without a token (<c>health.unauthenticated</c>).</summary>
    public bool HealthUnauthenticated { get; init; } = true;

    /// <summary>How long a readiness check waits for the supervisor and the journal (<c>health.timeout</c>).</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether metrics are also pushed over OTLP (<c>otlp.enabled</c>).</summary>
    public bool OtlpEnabled { get; init; }

    /// <summary>The OTLP collector (<c>otlp.endpoint</c>).</summary>
    public Uri OtlpEndpoint { get; init; } = new("http://localhost:4317");

    /// <summary><c>grpc</c> or <c>http/protobuf</c> (<c>otlp.protocol</c>).</summary>
    public string OtlpProtocol { get; init; } = "grpc";

    /// <summary>How often metrics are pushed over OTLP (<c>otlp.interval</c>).</summary>
    public TimeSpan OtlpInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether spans (API requests and the supervisor commands they carry) are pushed over OTLP too (<c>otlp.traces</c>).</summary>
    public bool OtlpTraces { get; init; } = true;

    /// <summary>The share of traces recorded when the caller sent no sampling decision (<c>otlp.trace-sample-ratio</c>, 0-1).</summary>
    public double TraceSampleRatio { get; init; } = 1.0;

    /// <summary>Whether the dashboard is served (<c>dashboard.enabled</c>).</summary>
    public bool DashboardEnabled { get; init; } = true;

    /// <summary>Dashboard sessions held at most; the oldest is ended for a new one (<c>dashboard.max-sessions</c>).</summary>
    public int MaxSessions { get; init; } = 32;

    /// <summary>How long a dashboard session lasts from its login (<c>dashboard.session-lifetime</c>).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>How long a one-time login code of <c>pbm dashboard</c> is valid (<c>dashboard.login-code-lifetime</c>).</summary>
    public TimeSpan LoginCodeLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Unused login codes held at most (<c>dashboard.max-login-codes</c>).</summary>
    public int MaxLoginCodes { get; init; } = 16;

    /// <summary>Failed dashboard logins an address may make per <see cref="LoginWindow"/> (<c>dashboard.login-attempts</c>).</summary>
    public int LoginAttempts { get; init; } = 5;

    /// <summary>The window failed logins are counted in; a refused address may try again when it ends (<c>dashboard.login-window</c>).</summary>
    public TimeSpan LoginWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Addresses whose failed logins are tracked at most (<c>dashboard.login-tracked-addresses</c>).</summary>
    public int LoginTrackedAddresses { get; init; } = 1024;

    /// <summary>How often the daemon checks whether to give garbage back to the system (<c>heap-trim-interval</c>); zero = never.</summary>
    public TimeSpan HeapTrimInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes allocated within one check interval that make a burst, compacted away once quiet (<c>heap-trim-after</c>).</summary>
    public long HeapTrimAfter { get; init; } = 4L * 1024 * 1024;

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        Require(SampleInterval >= TimeSpan.FromMilliseconds(100) && SampleInterval <= TimeSpan.FromHours(1), "pbm.observability.sample-interval must be 100ms-1h");
        Require(IdleSampleInterval >= TimeSpan.FromSeconds(1) && IdleSampleInterval <= TimeSpan.FromDays(1), "pbm.observability.idle-sample-interval must be 1s-1d");
        Require(DemandWindow >= TimeSpan.FromSeconds(1) && DemandWindow <= TimeSpan.FromDays(1), "pbm.observability.demand-window must be 1s-1d");
        Require(History is >= 2 and <= 100_000, "pbm.observability.history must be 2-100000");
        Require(MaxPrograms is >= 1 and <= 100_000, "pbm.observability.max-programs must be 1-100000");
        Require(StreamBuffer is >= 1 and <= 4096, "pbm.observability.stream-buffer must be 1-4096");
        Require(HealthTimeout >= TimeSpan.FromMilliseconds(100) && HealthTimeout <= TimeSpan.FromMinutes(5), "pbm.observability.health.timeout must be 100ms-5m");
        Require(OtlpProtocol is "grpc" or "http/protobuf", "pbm.observability.otlp.protocol must be grpc or http/protobuf");
        Require(OtlpInterval >= TimeSpan.FromSeconds(1), "pbm.observability.otlp.interval must be at least 1s");
        Require(TraceSampleRatio is >= 0 and <= 1, "pbm.observability.otlp.trace-sample-ratio must be 0-1");
        Require(MaxSessions is >= 1 and <= 10_000, "pbm.observability.dashboard.max-sessions must be 1-10000");
        Require(SessionLifetime >= TimeSpan.FromMinutes(1) && SessionLifetime <= TimeSpan.FromDays(30), "pbm.observability.dashboard.session-lifetime must be 1m-30d");
        Require(LoginCodeLifetime >= TimeSpan.FromSeconds(5) && LoginCodeLifetime <= TimeSpan.FromHours(1), "pbm.observability.dashboard.login-code-lifetime must be 5s-1h");
        Require(MaxLoginCodes is >= 1 and <= 1000, "pbm.observability.dashboard.max-login-codes must be 1-1000");
        Require(LoginAttempts is >= 1 and <= 1000, "pbm.observability.dashboard.login-attempts must be 1-1000");
        Require(LoginWindow >= TimeSpan.FromSeconds(1) && LoginWindow <= TimeSpan.FromDays(1), "pbm.observability.dashboard.login-window must be 1s-1d");
        Require(LoginTrackedAddresses is >= 1 and <= 1_000_000, "pbm.observability.dashboard.login-tracked-addresses must be 1-1000000");
        Require(HeapTrimInterval == TimeSpan.Zero || (HeapTrimInterval >= TimeSpan.FromSeconds(1) && HeapTrimInterval <= TimeSpan.FromDays(1)), "pbm.observability.heap-trim-interval must be 0 (off) or 1s-1d");
        Require(HeapTrimAfter is >= 0 and <= 1L << 40, "pbm.observability.heap-trim-after must be 0B-1TiB");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
