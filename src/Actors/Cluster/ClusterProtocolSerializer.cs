using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Cluster;

/// <summary>
/// Akka serializer of the messages one node sends another: the process supervisor's commands, queries and replies
/// that `pbm --node` and `--all-nodes` forward, the node-info query, the requests only another daemon
/// itself answers (forwarded to its API) and the fleet's events. System.Text.Json with
/// source-generated contracts and one string manifest per type, so nodes of different versions fail clearly on a
/// message one of them does not know rather than misreading it. Narrow on purpose: a log follow crosses as batches of
/// lines under its own protocol (<see cref="FollowLogRemotely"/>), never as a live channel; anything local stays off the wire.
/// </summary>
public sealed class ClusterProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>This serializer's identifier in Akka's registry.</summary>
    public const int SerializerId = 7304;

    private static readonly Dictionary<Type, string> ManifestByType = new()
    {
        [typeof(GetNodeInfo)] = "node-info.get.v1",
        [typeof(NodeInfo)] = "node-info.v1",
        [typeof(NodeProcessEvent)] = "node-process-event.v1",
        [typeof(ListProcesses)] = "list.v1",
        [typeof(ProcessList)] = "list.reply.v1",
        [typeof(DescribeProcess)] = "describe.v1",
        [typeof(ProcessDescription)] = "describe.reply.v1",
        [typeof(StartProcess)] = "start.v1",
        [typeof(StartDeclaredProcess)] = "start-declared.v1",
        [typeof(StopProcess)] = "stop.v1",
        [typeof(RestartProcess)] = "restart.v1",
        [typeof(DeleteProcess)] = "delete.v1",
        [typeof(ScaleProcess)] = "scale.v1",
        [typeof(ApplyConfig)] = "apply.v1",
        [typeof(ApplyResult)] = "apply.reply.v1",
        [typeof(ProcessCommandCompleted)] = "command.completed.v1",
        [typeof(ProcessDeleted)] = "deleted.v1",
        [typeof(GetProcessHistory)] = "history.v1",
        [typeof(ProcessHistory)] = "history.reply.v1",
        [typeof(TailLog)] = "tail.v1",
        [typeof(LogLines)] = "tail.reply.v1",
        [typeof(FlushLogs)] = "flush.v1",
        [typeof(LogsFlushed)] = "flush.reply.v1",
        [typeof(ProcessNotFound)] = "error.not-found.v1",
        [typeof(InvalidProcessSpec)] = "error.invalid-spec.v1",
        [typeof(CommandFailed)] = "error.failed.v1",
        [typeof(ControlInstance)] = "instance.v1",
        [typeof(SignalProcess)] = "signal.v1",
        [typeof(ProcessSignalled)] = "signal.reply.v1",
        [typeof(JournalRefused)] = "error.journal-refused.v1",
        [typeof(FollowLogRemotely)] = "log-follow.v1",
        [typeof(RemoteLogFollowing)] = "log-follow.started.v1",
        [typeof(RemoteLogAck)] = "log-follow.ack.v1",
        [typeof(ForwardedApiRequest)] = "api-forward.v1",
        [typeof(ForwardedApiResponse)] = "api-forward.reply.v1",
        [typeof(FollowForwardedApi)] = "api-forward.stream.v1",
        [typeof(ForwardedApiStreamStarted)] = "api-forward.stream.started.v1",
        [typeof(ForwardedApiLine)] = "api-forward.stream.line.v1",
        [typeof(ForwardedApiAck)] = "api-forward.stream.ack.v1",
    };

    private static readonly Dictionary<string, Type> TypeByManifest =
        ManifestByType.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every type this serializer writes, for Akka's serialization bindings.</summary>
    public static IReadOnlyCollection<Type> Types => ManifestByType.Keys;

    public override int Identifier => SerializerId;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ManifestByType.TryGetValue(o.GetType(), out var manifest) ? manifest : throw NotRemote(o);
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ManifestByType.ContainsKey(obj.GetType())
            ? JsonSerializer.SerializeToUtf8Bytes(obj, Contract(obj.GetType()))
            : throw NotRemote(obj);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypeByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"no cluster message has the manifest '{manifest}' (sent by a newer ProcessManager?)");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, Contract(type))
                ?? throw new SerializationException($"a cluster message with manifest '{manifest}' holds null");
        }
        catch (JsonException error)
        {
            throw new SerializationException($"a cluster message with manifest '{manifest}' is not valid: {error.Message}", error);
        }
    }

    private static JsonTypeInfo Contract(Type type) => ClusterProtocolJsonContext.Default.GetTypeInfo(type)
        ?? throw new InvalidOperationException($"{type.Name} has no source-generated JSON contract");

    private static ArgumentException NotRemote(object o) =>
        new($"{o.GetType().FullName} is not sent between nodes", nameof(o));
}
