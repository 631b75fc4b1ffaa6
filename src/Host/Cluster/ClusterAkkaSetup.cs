using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ProcessManager.Actors.Cluster;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// Maps <c>pbm.cluster</c> onto Akka.Remote (DotNetty TCP with TLS and mutual authentication) and Akka.Cluster (seed
/// nodes, roles, the built-in split-brain resolver, failure detector) on Akka.Hosting's builder. Nothing here runs
/// when the cluster is off: the actor provider stays local and no port is opened.
/// </summary>
internal static class ClusterAkkaSetup
{
    public static AkkaConfigurationBuilder WithFleet(this AkkaConfigurationBuilder akka, ClusterSettings settings, ClusterTls tls, string version)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tls);
        akka.WithRemoting(new RemoteOptions
        {
            HostName = settings.Hostname,
            Port = settings.Port,
            PublicHostName = settings.PublicHostname,
            MaxFrameSize = checked((int)settings.MaxMessageBytes),
            EnableSsl = true,
            Ssl = new SslOptions
            {
                X509Certificate = tls.Certificate,
                SuppressValidation = false,
                RequireMutualAuthentication = true,
                ValidateCertificateHostname = false,
                CustomValidator = tls.Validator,
            },
        })
            .WithClustering(new ClusterOptions
            {
                Roles = [.. settings.Roles, ClusterSettings.NodeRolePrefix + settings.NodeName],

                // No seed nodes here: the daemon joins once it has started (JoinWhenReady), not while it is still
                // busy starting, when a loaded machine can delay its heartbeats until the resolver downs it.
                SeedNodes = [],
                AppVersion = version,
            })
            .AddHocon(Hocon(settings), HoconAddMode.Prepend)
            .WithCustomSerializer("pbm-cluster", ClusterProtocolSerializer.Types, system => new ClusterProtocolSerializer(system));
        return akka;
    }

    /// <summary>
    /// Joins the cluster through the seed nodes; with none, this node forms a cluster of its own that the others seed
    /// from. Called once the daemon is otherwise ready: a node that joins while it is still starting (JIT, journal
    /// recovery, the API) on a loaded machine may miss heartbeats for longer than the failure detector accepts, be
    /// downed by the split-brain resolver and shut down, which is a start-up failing under load.
    /// </summary>
    public static void JoinWhenReady(ActorSystem system, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (settings.Discovery is { } discovery)
        {
            SeedDiscovery.Start(system, discovery, settings.Port);
            return;
        }

        cluster.JoinSeedNodes(settings.SeedNodes.Count > 0 ? settings.SeedNodes.Select(Address.Parse) : [cluster.SelfAddress]);
    }

    /// <summary>The split-brain resolver and the failure detector, which Akka.Cluster.Hosting's options do not all cover.</summary>
    private static string Hocon(ClusterSettings settings)
    {
        static string Ms(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        return $$"""
            akka.cluster {
              downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
              split-brain-resolver {
                active-strategy = {{settings.SplitBrainStrategy}}
                stable-after = {{Ms(settings.StableAfter)}}
                static-quorum.quorum-size = {{settings.QuorumSize.ToString(CultureInfo.InvariantCulture)}}
              }
              failure-detector {
                heartbeat-interval = {{Ms(settings.HeartbeatInterval)}}
                acceptable-heartbeat-pause = {{Ms(settings.AcceptableHeartbeatPause)}}
              }
              run-coordinated-shutdown-when-down = on
              seed-node-timeout = {{Ms(settings.SeedNodeTimeout)}}
            }
            {{DiscoveryHocon(settings.Discovery)}}
            """;
    }

    /// <summary>Akka.Discovery's configuration for <paramref name="discovery"/>; empty when the seeds are listed.</summary>
    internal static string DiscoveryHocon(ClusterDiscoverySettings? discovery)
    {
        if (discovery is null)
        {
            return "";
        }

        static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var endpoints = string.Join(", ", discovery.Endpoints.Select(Quote));
        return $$"""
            akka.discovery {
              method = {{Quote(discovery.Method)}}
              config.services.{{Quote(discovery.ServiceName)}} { endpoints = [{{endpoints}}] }
            }
            """;
    }
}
