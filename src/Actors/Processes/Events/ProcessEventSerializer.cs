using System.Collections.Frozen;
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

    private static readonly ProcessEventJsonContext Json = ProcessEventJsonContext.Default;

    private static readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Contract)> ByType = new (string Manifest, JsonTypeInfo Contract)[]
    {
        ("declared.v1", Json.AppDeclared),
        ("config-changed.v1", Json.AppConfigChanged),
        ("desired-state.v1", Json.DesiredStateChanged),
        ("deleted.v1", Json.AppDeleted),
        ("started.v1", Json.ProgramStarted),
        ("exited.v1", Json.ProgramExitedEvent),
        ("restart-scheduled.v1", Json.RestartScheduled),
        ("crash-loop-entered.v1", Json.CrashLoopEntered),
        ("crash-loop-left.v1", Json.CrashLoopLeft),
        ("stopped.v1", Json.StoppedByRequest),
        ("memory-limit-restart.v1", Json.MemoryLimitRestart),
        ("job-finished.v1", Json.JobFinishedEvent),
        ("errored.v1", Json.SpawnErrored),
        ("retired.v1", Json.InstanceRetired),
        ("registry.app-registered.v1", Json.AppRegistered),
        ("registry.app-unregistered.v1", Json.AppUnregistered),
        ("registry.legacy-imported.v1", Json.LegacyAppsImported),
        ("registry.snapshot.v1", Json.RegistrySnapshot),
        ("app.snapshot.v1", Json.AppSnapshot),
        ("instance.snapshot.v1", Json.InstanceSnapshot),
    }.ToFrozenDictionary(entry => entry.Contract.Type);

    private static readonly FrozenDictionary<string, JsonTypeInfo> ByManifest =
        ByType.Values.ToFrozenDictionary(entry => entry.Manifest, entry => entry.Contract, StringComparer.Ordinal);

    /// <summary>Every type this serializer writes, for Akka's serialization bindings.</summary>
    public static IReadOnlyCollection<Type> Types => ByType.Keys;

    /// <summary>
    /// The serializer and its bindings as Akka configuration, for an actor system built without Akka.Hosting (which
    /// registers it with <c>WithCustomSerializer("pbm-process-events", Types, ...)</c>).
    /// </summary>
    public static Akka.Configuration.Config Configuration { get; } = Akka.Configuration.ConfigurationFactory.ParseString(
        "akka.actor.serializers.pbm-process-events = \"" + typeof(ProcessEventSerializer).AssemblyQualifiedName + "\"\n"
        + "akka.actor.serialization-bindings {\n"
        + string.Concat(ByType.Keys.Select(type => "  \"" + type.AssemblyQualifiedName + "\" = pbm-process-events\n"))
        + "}\n");

    public override int Identifier => SerializerId;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ContractOf(o).Manifest;
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, ContractOf(obj).Contract);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == LegacyManifest)
        {
            return Deserialize(bytes, Json.LegacyStoredProcessEvent, manifest).Event;
        }

        return ByManifest.TryGetValue(manifest, out var contract)
            ? Deserialize(bytes, contract, manifest)
            : throw new SerializationException($"no process event has the manifest '{manifest}' (written by a newer ProcessManager?)");
    }

    private static T Deserialize<T>(byte[] bytes, JsonTypeInfo<T> contract, string manifest) =>
        (T)Deserialize(bytes, (JsonTypeInfo)contract, manifest);

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

    private static (string Manifest, JsonTypeInfo Contract) ContractOf(object o) =>
        ByType.TryGetValue(o.GetType(), out var entry)
            ? entry
            : throw new ArgumentException($"{o.GetType().FullName} is not persisted by process supervision", nameof(o));
}
