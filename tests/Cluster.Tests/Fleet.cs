namespace ProcessManager.Cluster.Tests;

/// <summary>Three daemons on 127.0.0.1-127.0.0.3, each on its own free port, seeded from the first, one certificate.</summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly string _certificates;

    public Fleet(string extraConfig = "", int size = 3)
    {
        _certificates = Directory.CreateTempSubdirectory("pbm-cluster-certs-").FullName;
        Certificate = FleetCertificate.Create(_certificates, "fleet");
        var ports = Enumerable.Range(0, size).Select(_ => FreePort.Next()).ToList();
        // n1 is the seed: the others join it; once joined, the cluster does not need it any more.
        var seed = $"127.0.0.1:{ports[0]}";
        Nodes = Enumerable.Range(0, size)
            .Select(i => new ClusterNode($"n{i + 1}", $"127.0.0.{i + 1}", ports[i], Certificate, [seed], extraConfig))
            .ToList();
    }

    public FleetCertificate Certificate { get; }

    public string CertificateDirectory => _certificates;

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public ClusterNode this[int index] => Nodes[index];

    /// <summary>Starts every node and waits until the first sees all of them up and reachable.</summary>
    public async Task StartAsync()
    {
        // The seed first: the others then join a node that already answers instead of retrying on a loaded machine.
        Nodes[0].Start();
        await Nodes[0].WaitReadyAsync().ConfigureAwait(false);
        foreach (var node in Nodes.Skip(1))
        {
            node.Start();
        }

        await Task.WhenAll(Nodes.Skip(1).Select(n => n.WaitReadyAsync())).ConfigureAwait(false);
        await Nodes[0].AwaitNodesAsync(
            nodes => nodes.Count == Nodes.Count && nodes.All(n => n.Status == "up" && n.Reachable),
            $"{Nodes.Count} nodes up", 120).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(_certificates, recursive: true);
    }
}
