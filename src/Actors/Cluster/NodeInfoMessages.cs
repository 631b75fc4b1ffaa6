namespace ProcessManager.Actors.Cluster;

/// <summary>Asks a node's <see cref="NodeInfoActor"/> about its daemon. Reply: <see cref="NodeInfo"/>.</summary>
public sealed record GetNodeInfo
{
    public static GetNodeInfo Instance { get; } = new();
}

/// <summary>What `pbm node list` shows of a node beyond its membership.</summary>
/// <param name="Name">The node's pbm.cluster.node-name.</param>
/// <param name="StartedAt">When its daemon started.</param>
/// <param name="Version">Its daemon's version.</param>
/// <param name="Programs">Instances it supervises (-1 when its supervisor did not answer).</param>
public sealed record NodeInfo(string Name, DateTimeOffset StartedAt, string Version, int Programs);
