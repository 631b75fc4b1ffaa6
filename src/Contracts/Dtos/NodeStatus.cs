namespace ProcessManager.Contracts.Dtos;

/// <summary>One row of <c>GET /v1/nodes</c>: a member of the cluster as the answering daemon sees it.</summary>
/// <param name="Name">The node's pbm.cluster.node-name.</param>
/// <param name="Address">Its Akka address (akka.ssl.tcp://pbm@host:port).</param>
/// <param name="Status">Its membership status, lower case: joining, up, leaving, exiting, down, removed, weakly-up.</param>
/// <param name="Reachable">Whether the failure detector hears it.</param>
/// <param name="Roles">Its configured roles.</param>
/// <param name="UptimeSeconds">How long its daemon has run; null when it did not answer.</param>
/// <param name="Programs">Instances its supervisor holds; null when it did not answer.</param>
/// <param name="Version">Its daemon's version.</param>
/// <param name="Self">Whether it is the daemon that answered.</param>
public sealed record NodeStatus(
    string Name,
    string Address,
    string Status,
    bool Reachable,
    IReadOnlyList<string> Roles,
    double? UptimeSeconds,
    int? Programs,
    string? Version,
    bool Self);
