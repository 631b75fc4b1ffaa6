using ProcessManager.Contracts;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Cluster;

/// <summary>Reads <see cref="ClusterSettings"/> from <c>pbm.cluster</c>; a missing key keeps its default.</summary>
public static class ClusterSettingsReader
{
    private static readonly string[] Strategies = ["keep-majority", "keep-oldest", "static-quorum"];

    private const long MinMessageBytes = 128L << 10;

    private const long MaxMessageBytes = 256L << 20;

    /// <param name="config">The resolved configuration.</param>
    /// <param name="systemName">The actor system's name, the same on every node.</param>
    /// <exception cref="ConfigurationException">A value of the wrong type or out of range, naming the key and where it was set.</exception>
    public static ClusterSettings Read(Config config, string systemName)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = new ClusterSettings();
        if (!config.HasPath("pbm.cluster"))
        {
            return defaults;
        }

        var cluster = config.GetConfig("pbm.cluster");
        var settings = new ClusterSettings
        {
            Enabled = cluster.GetBoolean("enabled", false),
            NodeName = Optional(cluster.GetString("node-name", null)) ?? Environment.MachineName,
            Hostname = Optional(cluster.GetString("hostname", null)) ?? defaults.Hostname,
            Port = cluster.GetInt("port", defaults.Port),
            PublicHostname = Optional(cluster.GetString("public-hostname", null)),
            SeedNodes = cluster.GetStringList("seed-nodes", []).Select(seed => SeedAddress(config, seed, systemName)).ToList(),
            Discovery = ReadDiscovery(config, cluster),
            Roles = cluster.GetStringList("roles", []),
            SeedNodeTimeout = cluster.GetTimeSpan("seed-node-timeout", defaults.SeedNodeTimeout),
            SplitBrainStrategy = cluster.GetString("split-brain-resolver.active-strategy", defaults.SplitBrainStrategy)!,
            StableAfter = cluster.GetTimeSpan("split-brain-resolver.stable-after", defaults.StableAfter),
            QuorumSize = cluster.GetInt("split-brain-resolver.quorum-size", defaults.QuorumSize),
            HeartbeatInterval = cluster.GetTimeSpan("failure-detector.heartbeat-interval", defaults.HeartbeatInterval),
            AcceptableHeartbeatPause = cluster.GetTimeSpan("failure-detector.acceptable-heartbeat-pause", defaults.AcceptableHeartbeatPause),
            TlsCertificate = Optional(cluster.GetString("tls.certificate", null)),
            TlsPasswordFile = Optional(cluster.GetString("tls.password-file", null)),
            TlsCaCertificate = Optional(cluster.GetString("tls.ca-certificate", null)),
            AskTimeout = cluster.GetTimeSpan("ask-timeout", defaults.AskTimeout),
            MaxMessageBytes = cluster.GetByteSize("max-message-size", defaults.MaxMessageBytes),
        };

        Require(config, "node-name", ProcessNames.IsValid(settings.NodeName), $"must be {ProcessNames.Rule}, not '{settings.NodeName}'");
        Require(config, "port", settings.Port is >= 0 and <= 65535, $"must be 0-65535, not {settings.Port}");
        Require(config, "split-brain-resolver.active-strategy", Strategies.Contains(settings.SplitBrainStrategy), $"must be one of {string.Join(", ", Strategies)}, not '{settings.SplitBrainStrategy}'");
        Require(config, "split-brain-resolver.stable-after", settings.StableAfter > TimeSpan.Zero, "must be more than 0");
        Require(config, "split-brain-resolver.quorum-size", settings.QuorumSize >= 1, "must be at least 1");
        Require(config, "failure-detector.heartbeat-interval", settings.HeartbeatInterval > TimeSpan.Zero, "must be more than 0");
        Require(config, "failure-detector.acceptable-heartbeat-pause", settings.AcceptableHeartbeatPause >= settings.HeartbeatInterval, "must be at least failure-detector.heartbeat-interval");
        Require(config, "ask-timeout", settings.AskTimeout > TimeSpan.Zero, "must be more than 0");
        Require(config, "max-message-size", settings.MaxMessageBytes is >= MinMessageBytes and <= MaxMessageBytes, $"must be 128KiB-256MiB, not {settings.MaxMessageBytes} bytes");
        Require(config, "seed-node-timeout", settings.SeedNodeTimeout > TimeSpan.Zero, "must be more than 0");
        foreach (var role in settings.Roles)
        {
            Require(config, "roles", !string.IsNullOrWhiteSpace(role) && !role.StartsWith(ClusterSettings.NodeRolePrefix, StringComparison.Ordinal), $"'{role}' is not a role name (empty, or reserved prefix '{ClusterSettings.NodeRolePrefix}')");
        }

        Require(config, "discovery.method", settings.Discovery is null || settings.SeedNodes.Count == 0, "and seed-nodes are both set: give one of them");
        if (settings.Enabled)
        {
            Require(config, "tls.certificate", settings.TlsCertificate is not null, "must name the fleet certificate when pbm.cluster.enabled = on: Akka.Remote runs only over TLS with mutual authentication");
        }

        return settings;
    }

    private static ClusterDiscoverySettings? ReadDiscovery(Config config, Config cluster)
    {
        if (Optional(cluster.GetString("discovery.method", null)) is not { } method)
        {
            return null;
        }

        var discovery = new ClusterDiscoverySettings(
            method,
            cluster.GetString("discovery.service-name", "pbm")?.Trim() ?? "",
            cluster.GetStringList("discovery.endpoints", []).Select(endpoint => endpoint.Trim()).ToList(),
            cluster.GetTimeSpan("discovery.lookup-timeout", TimeSpan.FromSeconds(5)),
            cluster.GetTimeSpan("discovery.retry-interval", TimeSpan.FromSeconds(2)));
        Require(config, "discovery.method", method is ClusterDiscoverySettings.ConfigMethod or ClusterDiscoverySettings.DnsMethod, $"must be {ClusterDiscoverySettings.ConfigMethod} or {ClusterDiscoverySettings.DnsMethod}, not '{method}'");
        Require(config, "discovery.service-name", discovery.ServiceName.Length > 0, "must name the service to look up");
        Require(config, "discovery.lookup-timeout", discovery.LookupTimeout > TimeSpan.Zero, "must be more than 0");
        Require(config, "discovery.retry-interval", discovery.RetryInterval > TimeSpan.Zero, "must be more than 0");
        if (method == ClusterDiscoverySettings.ConfigMethod)
        {
            Require(config, "discovery.endpoints", discovery.Endpoints.Count > 0, "must list every node's HOST:PORT when discovery.method = config", originKey: "discovery.method");
            foreach (var endpoint in discovery.Endpoints)
            {
                Require(config, "discovery.endpoints", IsHostPort(endpoint), $"'{endpoint}' is not HOST:PORT");
            }
        }

        return discovery;
    }

    private static bool IsHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), out var port) && port is > 0 and <= 65535;
    }

    /// <summary>"HOST:PORT" becomes akka.ssl.tcp://SYSTEM@HOST:PORT; a full address is kept (its system name must match).</summary>
    private static string SeedAddress(Config config, string seed, string systemName)
    {
        var text = seed.Trim();
        if (text.StartsWith("akka.ssl.tcp://", StringComparison.Ordinal))
        {
            Require(config, "seed-nodes", text.StartsWith($"akka.ssl.tcp://{systemName}@", StringComparison.Ordinal), $"'{seed}' names another actor system; every node's system is '{systemName}'");
            return text;
        }

        Require(config, "seed-nodes", IsHostPort(text), $"'{seed}' is not HOST:PORT or akka.ssl.tcp://{systemName}@HOST:PORT");
        return $"akka.ssl.tcp://{systemName}@{text}";
    }

    /// <param name="originKey">Where to point when <paramref name="key"/> is not set at all; default the key itself.</param>
    private static void Require(Config config, string key, bool condition, string message, string? originKey = null)
    {
        if (!condition)
        {
            var path = "pbm.cluster." + key;
            throw new ConfigurationException($"{path} {message}", (config.GetValue(path) ?? config.GetValue("pbm.cluster." + (originKey ?? key)))?.Origin);
        }
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
