using ProcessManager.Hocon;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Hosting;

/// <summary>What <c>AddProcessManager</c> is configured with; unset values come from the HOCON configuration or defaults.</summary>
public sealed class ProcessManagerOptions
{
    /// <summary>State folder (socket, database, logs, token); default from <see cref="PbmHome.Resolve"/>.</summary>
    public string? PbmHome { get; set; }

    /// <summary>A HOCON file layered over the standard load order (the daemon's <c>--config</c>).</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The loaded configuration; when null it is loaded at start (see <see cref="DaemonConfiguration"/>).</summary>
    public Config? Configuration { get; set; }

    /// <summary>API settings; when null they come from HOCON <c>pbm.api</c>.</summary>
    public ApiSettings? Api { get; set; }

    /// <summary>Metrics, health and dashboard settings; when null they come from HOCON <c>pbm.observability</c>.</summary>
    public Observability.ObservabilitySettings? Observability { get; set; }

    /// <summary>
    /// Longest the host may take to stop the process manager. Unset (the default), it is the sum of the
    /// coordinated-shutdown phase timeouts (HOCON <c>pbm.kernel.shutdown.*</c>) plus a margin; a value set here, or
    /// a <c>HostOptions.ShutdownTimeout</c>, counts only when it is longer than that sum, so programs are never
    /// abandoned while they are being stopped.
    /// </summary>
    public TimeSpan? ShutdownTimeout { get; set; }

    /// <summary>Warnings (unknown keys) of a configuration loaded before start, for the service to log.</summary>
    internal IReadOnlyList<string> ConfigurationWarnings { get; set; } = [];
}
