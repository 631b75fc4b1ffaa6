using ProcessManager.Contracts;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Cluster;

/// <summary>Reads <see cref="ClusterSettings"/> from <c>pbm.cluster</c>; a missing key keeps its default.</summary>
public static class ClusterSettingsReader
{
    private static readonly string[] Strategies = ["keep-majority", "keep-oldest", "static-quorum"];

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
        };

        Require(config, "node-name", ProcessNames.IsValid(settings.NodeName), $"must be {ProcessNames.Rule}, not '{settings.NodeName}'");
        Require(config, "port", settings.Port is >= 0 and <= 65535, $"must be 0-65535, not {settings.Port}");
        Require(config, "split-brain-resolver.active-strategy", Strategies.Contains(settings.SplitBrainStrategy), $"must be one of {string.Join(", ", Strategies)}, not '{settings.SplitBrainStrategy}'");
        Require(config, "split-brain-resolver.stable-after", settings.StableAfter > TimeSpan.Zero, "must be more than 0");
        Require(config, "split-brain-resolver.quorum-size", settings.QuorumSize >= 1, "must be at least 1");
        Require(config, "failure-detector.heartbeat-interval", settings.HeartbeatInterval > TimeSpan.Zero, "must be more than 0");
        Require(config, "failure-detector.acceptable-heartbeat-pause", settings.AcceptableHeartbeatPause >= settings.HeartbeatInterval, "must be at least failure-detector.heartbeat-interval");
        Require(config, "ask-timeout", settings.AskTimeout > TimeSpan.Zero, "must be more than 0");
        Require(config, "seed-node-timeout", settings.SeedNodeTimeout > TimeSpan.Zero, "must be more than 0");
        foreach (var role in settings.Roles)
        {
            Require(config, "roles", !string.IsNullOrWhiteSpace(role) && !role.StartsWith(ClusterSettings.NodeRolePrefix, StringComparison.Ordinal), $"'{role}' is not a role name (empty, or reserved prefix '{ClusterSettings.NodeRolePrefix}')");
        }

        if (settings.Enabled)
        {
            Require(config, "tls.certificate", settings.TlsCertificate is not null, "must name the fleet certificate when pbm.cluster.enabled = on: Akka.Remote runs only over TLS with mutual authentication");
        }

        return settings;
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

        var colon = text.LastIndexOf(':');
        var valid = colon > 0 && int.TryParse(text.AsSpan(colon + 1), out var port) && port is > 0 and <= 65535;
        Require(config, "seed-nodes", valid, $"'{seed}' is not HOST:PORT or akka.ssl.tcp://{systemName}@HOST:PORT");
        return $"akka.ssl.tcp://{systemName}@{text}";
    }

    private static void Require(Config config, string key, bool condition, string message)
    {
        if (!condition)
        {
            var path = "pbm.cluster." + key;
            throw new ConfigurationException($"{path} {message}", config.GetValue(path)?.Origin);
        }
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
