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

    /// <summary>Longest coordinated shutdown (programs are stopped in parallel within it); default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
