namespace ProcessManager.Actors.Cluster;

/// <summary>
/// Asks a node's <see cref="LogFollowServer"/> to send a program's new log lines to <paramref name="Subscriber"/> (the
/// serialized path of an actor on the asking node): `pbm --node NAME log follow`. The lines come as
/// <see cref="Processes.Protocol.LogLines"/> batches, each acknowledged with <see cref="RemoteLogAck"/> before the next
/// is sent, after a <see cref="RemoteLogFollowing"/> from the actor that sends them (watch it: it stops when the follow
/// ends). An unknown program is answered with <see cref="Processes.Protocol.ProcessNotFound"/>.
/// </summary>
public sealed record FollowLogRemotely(string Name, int? Instance, string Subscriber);

/// <summary>The follow is live; its sender sends the lines.</summary>
public sealed record RemoteLogFollowing(string Name);

/// <summary>The subscriber took a batch of lines: the next may come.</summary>
public sealed record RemoteLogAck
{
    public static RemoteLogAck Instance { get; } = new();
}
