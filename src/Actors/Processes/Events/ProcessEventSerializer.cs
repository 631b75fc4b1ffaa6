using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// Akka serializer of every event and snapshot that process supervision persists: System.Text.Json with
/// source-generated contracts (<see cref="ProcessEventJsonContext"/>), one string manifest per type, so that a type
/// can be renamed or moved without breaking the journal, and a new shape gets a new manifest. Reads the envelope
/// of the journal written before Akka.Persistence (<see cref="LegacyManifest"/>) too.
/// </summary>
public sealed class ProcessEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>This serializer's identifier in Akka's registry (and in journal rows).</summary>
    public const int SerializerId = 7301;

    /// <summary>Manifest of the rows the pre-Akka journal wrote (one envelope for every event type).</summary>
    public const string LegacyManifest = "pbm.process-event.v1";

    /// <summary>Manifest of every persisted type. Contracts are created on first use, not at start-up.</summary>
    private static readonly Dictionary<Type, string> ManifestByType = new()
    {
        [typeof(AppDeclared)] = "declared.v1",
        [typeof(AppConfigChanged)] = "config-changed.v1",
        [typeof(DesiredStateChanged)] = "desired-state.v1",
        [typeof(AppDeleted)] = "deleted.v1",
        [typeof(ProgramStarted)] = "started.v1",
        [typeof(ProgramExitedEvent)] = "exited.v1",
        [typeof(RestartScheduled)] = "restart-scheduled.v1",
        [typeof(CrashLoopEntered)] = "crash-loop-entered.v1",
        [typeof(CrashLoopLeft)] = "crash-loop-left.v1",
        [typeof(StoppedByRequest)] = "stopped.v1",
        [typeof(MemoryLimitRestart)] = "memory-limit-restart.v1",
        [typeof(JobFinishedEvent)] = "job-finished.v1",
        [typeof(SpawnErrored)] = "errored.v1",
        [typeof(InstanceRetired)] = "retired.v1",
        [typeof(WatchRestart)] = "watch-restart.v1",
        [typeof(AppRegistered)] = "registry.app-registered.v1",
        [typeof(AppUnregistered)] = "registry.app-unregistered.v1",
        [typeof(LegacyAppsImported)] = "registry.legacy-imported.v1",
        [typeof(RegistrySnapshot)] = "registry.snapshot.v1",
        [typeof(AppSnapshot)] = "app.snapshot.v1",
        [typeof(InstanceSnapshot)] = "instance.snapshot.v1",
    };

    private static readonly Dictionary<string, Type> TypeByManifest =
        ManifestByType.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every type this serializer writes, for Akka's serialization bindings.</summary>
    public static IReadOnlyCollection<Type> Types => ManifestByType.Keys;

    /// <summary>
    /// The serializer and its bindings as Akka configuration, for an actor system built without Akka.Hosting (which
    /// registers it with <c>WithCustomSerializer("pbm-process-events", Types, ...)</c>).
    /// </summary>
    public static Akka.Configuration.Config Configuration => Akka.Configuration.ConfigurationFactory.ParseString(
        "akka.actor.serializers.pbm-process-events = \"" + typeof(ProcessEventSerializer).AssemblyQualifiedName + "\"\n"
        + "akka.actor.serialization-bindings {\n"
        + string.Concat(ManifestByType.Keys.Select(type => "  \"" + type.AssemblyQualifiedName + "\" = pbm-process-events\n"))
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
        if (manifest == LegacyManifest)
        {
            return ((LegacyStoredProcessEvent)Deserialize(bytes, Contract(typeof(LegacyStoredProcessEvent)), manifest)).Event;
        }

        return TypeByManifest.TryGetValue(manifest, out var type)
            ? Deserialize(bytes, Contract(type), manifest)
            : throw new SerializationException($"no process event has the manifest '{manifest}' (written by a newer ProcessManager?)");
    }

    private static object Deserialize(byte[] bytes, JsonTypeInfo contract, string manifest)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, contract)
                ?? throw new SerializationException($"a journal row with manifest '{manifest}' holds null");
        }
        catch (JsonException error)
        {
            throw new SerializationException($"a journal row with manifest '{manifest}' is not valid: {error.Message}", error);
        }
    }

    private static JsonTypeInfo Contract(Type type) => ProcessEventJsonContext.Default.GetTypeInfo(type)
        ?? throw new InvalidOperationException($"{type.Name} has no source-generated JSON contract");

    private static ArgumentException NotPersisted(object o) =>
        new($"{o.GetType().FullName} is not persisted by process supervision", nameof(o));
}
