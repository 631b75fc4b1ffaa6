namespace ProcessManager.Actors.Cluster;

/// <summary>
/// Asks another node's diagnostics server for its own actor tree (`pbm --node NAME actor hierarchy`), walked there to
/// <paramref name="Depth"/> levels. Reply: <see cref="Diagnostics.ActorTreeNode"/>, or
/// <see cref="Processes.Protocol.CommandFailed"/>.
/// </summary>
public sealed record GetActorTree(int Depth);

/// <summary>Which of a daemon's own statistics <see cref="GetDaemonStats"/> asks for.</summary>
public enum DaemonStatsKind
{
    /// <summary>`pbm stats memory`: RSS, GC heap, the fill of every bounded buffer.</summary>
    Memory,

    /// <summary>`pbm stats performance`: uptime, program counts, API latency.</summary>
    Performance,
}

/// <summary>
/// Asks another node's diagnostics server for its daemon's statistics (`pbm --node NAME stats memory|performance`),
/// which only that daemon can read. Reply: <see cref="DaemonStatsAnswer"/>, or <see cref="Processes.Protocol.CommandFailed"/>.
/// </summary>
public sealed record GetDaemonStats(DaemonStatsKind Kind);

/// <summary>The other daemon's statistics, as JSON in the API's own shape: relayed to the caller as they are.</summary>
public sealed record DaemonStatsAnswer(string Json);
