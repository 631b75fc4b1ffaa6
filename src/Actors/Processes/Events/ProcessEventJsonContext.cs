using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// Source-generated JSON contracts of everything process supervision persists. Web defaults (camelCase names)
/// as the journal has always used, so that events written before the move onto Akka.Persistence read back.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AppDeclared))]
[JsonSerializable(typeof(AppConfigChanged))]
[JsonSerializable(typeof(DesiredStateChanged))]
[JsonSerializable(typeof(AppDeleted))]
[JsonSerializable(typeof(ProgramStarted))]
[JsonSerializable(typeof(ProgramExitedEvent))]
[JsonSerializable(typeof(RestartScheduled))]
[JsonSerializable(typeof(CrashLoopEntered))]
[JsonSerializable(typeof(CrashLoopLeft))]
[JsonSerializable(typeof(StoppedByRequest))]
[JsonSerializable(typeof(MemoryLimitRestart))]
[JsonSerializable(typeof(JobFinishedEvent))]
[JsonSerializable(typeof(SpawnErrored))]
[JsonSerializable(typeof(InstanceRetired))]
[JsonSerializable(typeof(WatchRestart))]
[JsonSerializable(typeof(AppRegistered))]
[JsonSerializable(typeof(AppUnregistered))]
[JsonSerializable(typeof(LegacyAppsImported))]
[JsonSerializable(typeof(RegistrySnapshot))]
[JsonSerializable(typeof(AppSnapshot))]
[JsonSerializable(typeof(InstanceSnapshot))]
[JsonSerializable(typeof(LegacyStoredProcessEvent))]
internal sealed partial class ProcessEventJsonContext : JsonSerializerContext;
