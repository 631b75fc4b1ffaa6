using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace ProcessManager.Actors.Plugins.History;

/// <summary>
/// Akka serializer (id 7303) of what the plugin history persists: System.Text.Json with source-generated contracts and
/// one string manifest per type, so a type can move without breaking the journal and a new shape gets a new manifest.
/// </summary>
public sealed class PluginHistorySerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7303;

    private const string RecordManifest = "plugin-invocation.v1";
    private const string SnapshotManifest = "plugin-history.snapshot.v1";

    /// <summary>Every type this serializer writes, for Akka's serialization bindings.</summary>
    public static IReadOnlyCollection<Type> Types { get; } = [typeof(InvocationRecord), typeof(PluginHistorySnapshot)];

    /// <summary>The serializer and its bindings as Akka configuration, for an actor system built without Akka.Hosting.</summary>
    public static Akka.Configuration.Config Configuration => Akka.Configuration.ConfigurationFactory.ParseString(
        "akka.actor.serializers.pbm-plugin-history = \"" + typeof(PluginHistorySerializer).AssemblyQualifiedName + "\"\n"
        + "akka.actor.serialization-bindings {\n"
        + string.Concat(Types.Select(type => "  \"" + type.AssemblyQualifiedName + "\" = pbm-plugin-history\n"))
        + "}\n");

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        InvocationRecord => RecordManifest,
        PluginHistorySnapshot => SnapshotManifest,
        _ => throw new SerializationException($"{o?.GetType()} is not persisted by the plugin history"),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        InvocationRecord record => JsonSerializer.SerializeToUtf8Bytes(record, PluginHistoryJsonContext.Default.InvocationRecord),
        PluginHistorySnapshot snapshot => JsonSerializer.SerializeToUtf8Bytes(snapshot, PluginHistoryJsonContext.Default.PluginHistorySnapshot),
        _ => throw new SerializationException($"{obj?.GetType()} is not persisted by the plugin history"),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        RecordManifest => JsonSerializer.Deserialize(bytes, PluginHistoryJsonContext.Default.InvocationRecord)!,
        SnapshotManifest => JsonSerializer.Deserialize(bytes, PluginHistoryJsonContext.Default.PluginHistorySnapshot)!,
        _ => throw new SerializationException($"unknown plugin history manifest '{manifest}'"),
    };
}
