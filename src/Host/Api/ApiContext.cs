using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Palettes;
using ProcessManager.Host.Stats;

namespace ProcessManager.Host.Api;

/// <summary>What the endpoint handlers share: the backend, palettes, token, counters and the host's services.</summary>
internal sealed record ApiContext(
    ApiSettings Settings,
    string PbmHome,
    string SocketPath,
    IProcessBackend Backend,
    PaletteRegistry Palettes,
    TokenStore Tokens,
    ApiCounters Counters,
    IServiceProvider HostServices,
    IHostApplicationLifetime Lifetime,
    ILogger Logger)
{
    /// <summary>The TCP endpoint actually bound (port resolved), once started.</summary>
    public string? TcpEndpoint { get; set; }

    /// <summary>The open-connection count of the Unix socket, once started.</summary>
    public ConnectionGate? Connections { get; set; }

    /// <summary>The cluster's members, when pbm.cluster is on.</summary>
    public Cluster.NodeDirectory? Fleet { get; init; }

    /// <summary>Where refused requests and connections are logged at a bounded rate, once started.</summary>
    public RejectionLog? Rejections { get; set; }

    /// <summary>The open-connection count of TCP, once started with TCP on.</summary>
    public ConnectionGate? TcpConnections { get; set; }
    /// <summary>Metrics, health and dashboard, when the daemon serves them.</summary>
    public ProcessManager.Host.Observability.ObservabilityServices? Observability { get; set; }
}
