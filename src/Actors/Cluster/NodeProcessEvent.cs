using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Cluster;

/// <summary>A node's process state change, published to the whole cluster for `pbm process events --all-nodes`.</summary>
public sealed record NodeProcessEvent(string Node, ProcessStateChanged Changed);

