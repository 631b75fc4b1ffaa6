namespace ProcessManager.Host.Cluster;

/// <summary>The fleet settings, <c>pbm.cluster</c> (documented in hocon/reference.conf).</summary>
public sealed record ClusterSettings
{
    /// <summary>Off: no remoting, no open port; the daemon runs alone.</summary>
    public bool Enabled { get; init; }

    public string NodeName { get; init; } = string.Empty;

    public string Hostname { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 7355;

    public string? PublicHostname { get; init; }

    /// <summary>Full Akka addresses (akka.ssl.tcp://pbm@host:port).</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>Seed nodes found with Akka.Discovery instead of <see cref="SeedNodes"/>; null = seed-nodes.</summary>
    public ClusterDiscoverySettings? Discovery { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>How long the first seed node waits for the other seeds before it forms a cluster of its own.</summary>
    public TimeSpan SeedNodeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public string SplitBrainStrategy { get; init; } = "keep-majority";

    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(7);

    public int QuorumSize { get; init; } = 2;

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    public string? TlsCertificate { get; init; }

    public string? TlsPasswordFile { get; init; }

    public string? TlsCaCertificate { get; init; }

    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest message one node sends another (Akka.Remote's maximum frame size): a list, apply or tree bigger than
    /// this is dropped by the sender, so it bounds what one call may carry (`pbm.cluster.max-message-size`).
    /// </summary>
    public long MaxMessageBytes { get; init; } = 8L << 20;

    /// <summary>The host name other nodes reach this one at.</summary>
    public string AdvertisedHostname => PublicHostname ?? Hostname;

    /// <summary>Akka.Remote over TLS: the protocol of every node's address.</summary>
    public const string Protocol = "akka.ssl.tcp";

    /// <summary>The prefix of roles that carry a node's name, so every member knows the others' names.</summary>
    public const string NodeRolePrefix = "pbm-node-";
}
