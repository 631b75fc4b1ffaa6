using Akka.Actor;
using Akka.Discovery;
using Akka.Event;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// Joins the cluster through the seed nodes Akka.Discovery finds (pbm.cluster.discovery), looking up again until it
/// finds some: with the "config" method that is the configured list, with "akka-dns" the service's DNS records.
/// </summary>
internal static class SeedDiscovery
{
    /// <summary>Looks up and joins in the background; stops trying when the actor system terminates.</summary>
    public static void Start(ActorSystem system, ClusterDiscoverySettings settings, int defaultPort) =>
        _ = JoinAsync(system, settings, defaultPort);

    /// <summary>The seed addresses one lookup finds, in the order found; a target without a port gets <paramref name="defaultPort"/>.</summary>
    public static async Task<IReadOnlyList<Address>> LookupAsync(ActorSystem system, ClusterDiscoverySettings settings, int defaultPort)
    {
        var discovery = Discovery.Get(system).LoadServiceDiscovery(settings.Method);
        var resolved = await discovery.Lookup(new Lookup(settings.ServiceName), settings.LookupTimeout).ConfigureAwait(false);
        return resolved.Addresses
            .Select(target => new Address(ClusterSettings.Protocol, system.Name, target.Host, target.Port ?? defaultPort))
            .Distinct()
            .ToList();
    }

    private static async Task JoinAsync(ActorSystem system, ClusterDiscoverySettings settings, int defaultPort)
    {
        var log = Logging.GetLogger(system, typeof(SeedDiscovery));
        while (!system.WhenTerminated.IsCompleted)
        {
            try
            {
                var seeds = await LookupAsync(system, settings, defaultPort).ConfigureAwait(false);
                if (seeds.Count > 0)
                {
                    log.Info("Discovery ({0}) found the seed nodes {1}; joining", settings.Method, string.Join(", ", seeds));
                    Akka.Cluster.Cluster.Get(system).JoinSeedNodes(seeds);
                    return;
                }

                log.Warning("Discovery ({0}) found no node of service '{1}'; looking again in {2}", settings.Method, settings.ServiceName, settings.RetryInterval);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                log.Warning("Discovery ({0}) of service '{1}' failed: {2}; looking again in {3}", settings.Method, settings.ServiceName, error.Message, settings.RetryInterval);
            }

            await Task.WhenAny(Task.Delay(settings.RetryInterval), system.WhenTerminated).ConfigureAwait(false);
        }
    }
}
