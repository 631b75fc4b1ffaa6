namespace ProcessManager.Host.Cluster;

/// <summary><c>pbm.cluster.discovery</c>: the seed nodes found with Akka.Discovery instead of listed in seed-nodes.</summary>
/// <param name="Method">Akka.Discovery's method: "config" (the endpoints below) or "akka-dns" (the service's DNS records).</param>
/// <param name="ServiceName">The service looked up.</param>
/// <param name="Endpoints">With "config": every node's HOST:PORT, this one included, the same list on every node.</param>
/// <param name="LookupTimeout">How long one lookup may take.</param>
/// <param name="RetryInterval">How long to wait before looking up again after a lookup that failed or found no node.</param>
public sealed record ClusterDiscoverySettings(
    string Method,
    string ServiceName,
    IReadOnlyList<string> Endpoints,
    TimeSpan LookupTimeout,
    TimeSpan RetryInterval)
{
    public const string ConfigMethod = "config";
    public const string DnsMethod = "akka-dns";
}
