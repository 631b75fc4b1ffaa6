namespace ProcessManager.Cluster.Tests;

/// <summary>
/// Daemons on 127.0.0.1-127.0.0.N, each on its own free port, one fleet certificate. Every node lists every node as a
/// seed, as a real fleet does: a restarted node (the first seed included) then joins the running cluster instead of
/// forming one of its own.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly string _certificates;

    /// <param name="discovery">The nodes find their seeds with Akka.Discovery's config method instead of seed-nodes.</param>
    public Fleet(string extraConfig = "", int size = 3, bool discovery = false)
    {
        _certificates = Directory.CreateTempSubdirectory("pbm-cluster-certs-").FullName;
        Certificate = FleetCertificate.Create(_certificates, "fleet");
        var ports = Enumerable.Range(0, size).Select(_ => FreePort.Next()).ToList();
        var seeds = ports.Select((port, i) => $"127.0.0.{i + 1}:{port}").ToList();
        Nodes = Enumerable.Range(0, size)
            .Select(i => new ClusterNode($"n{i + 1}", $"127.0.0.{i + 1}", ports[i], Certificate, seeds, extraConfig, discovery))
            .ToList();
    }

    public FleetCertificate Certificate { get; }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public ClusterNode this[int index] => Nodes[index];

    /// <summary>Starts every node and waits until each sees all of them up and reachable.</summary>
    public async Task StartAsync()
    {
        // All at once: a seed that runs but is no member yet answers the first seed's InitJoin at once, so the first
        // seed forms the cluster without waiting out pbm.cluster.seed-node-timeout, and the others join it.
        foreach (var node in Nodes)
        {
            node.Start();
        }

        await Task.WhenAll(Nodes.Select(n => n.WaitReadyAsync())).ConfigureAwait(false);
        await Task.WhenAll(Nodes.Select(node => node.AwaitNodesAsync(
            nodes => nodes.Count == Nodes.Count && nodes.All(n => n.Status == "up" && n.Reachable),
            $"{Nodes.Count} nodes up", TestTiming.StartSeconds))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(node => node.DisposeAsync().AsTask())).ConfigureAwait(false);
        Directory.Delete(_certificates, recursive: true);
    }
}
