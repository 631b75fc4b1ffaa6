using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace ProcessManager.Actors.Usb.Events;

/// <summary>
/// Akka serializer of the USB watcher's events and snapshots: System.Text.Json with source-generated contracts, one
/// string manifest per type, so that a type can be renamed or moved without breaking the journal.
/// </summary>
public sealed class UsbEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>This serializer's identifier in Akka's registry (and in journal rows).</summary>
    public const int SerializerId = 7302;

    /// <summary>The name it is registered under.</summary>
    public const string Name = "pbm-usb-events";

    private static readonly Dictionary<Type, string> ManifestByType = new()
    {
        [typeof(DeviceAttached)] = "usb.attached.v1",
        [typeof(DeviceDetached)] = "usb.detached.v1",
        [typeof(DeviceChanged)] = "usb.changed.v1",
        [typeof(UsbWatcherSnapshot)] = "usb.snapshot.v1",
    };

    private static readonly Dictionary<string, Type> TypeByManifest =
        ManifestByType.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every type this serializer writes, for Akka's serialization bindings.</summary>
    public static IReadOnlyCollection<Type> Types => ManifestByType.Keys;

    /// <summary>The serializer and its bindings as Akka configuration, for an actor system built without Akka.Hosting.</summary>
    public static Akka.Configuration.Config Configuration => Akka.Configuration.ConfigurationFactory.ParseString(
        "akka.actor.serializers." + Name + " = \"" + typeof(UsbEventSerializer).AssemblyQualifiedName + "\"\n"
        + "akka.actor.serialization-bindings {\n"
        + string.Concat(ManifestByType.Keys.Select(type => "  \"" + type.AssemblyQualifiedName + "\" = " + Name + "\n"))
        + "}\n");

    public override int Identifier => SerializerId;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ManifestByType.TryGetValue(o.GetType(), out var manifest) ? manifest : throw NotPersisted(o);
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ManifestByType.ContainsKey(obj.GetType())
            ? JsonSerializer.SerializeToUtf8Bytes(obj, Contract(obj.GetType()))
            : throw NotPersisted(obj);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypeByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"no USB event has the manifest '{manifest}' (written by a newer ProcessManager?)");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, Contract(type))
                ?? throw new SerializationException($"a journal row with manifest '{manifest}' holds null");
        }
        catch (JsonException error)
        {
            throw new SerializationException($"a journal row with manifest '{manifest}' is not valid: {error.Message}", error);
        }
    }

    private static JsonTypeInfo Contract(Type type) => UsbEventJsonContext.Default.GetTypeInfo(type)
        ?? throw new InvalidOperationException($"{type.Name} has no source-generated JSON contract");

    private static ArgumentException NotPersisted(object o) =>
        new($"{o.GetType().FullName} is not persisted by the USB watcher", nameof(o));
}
