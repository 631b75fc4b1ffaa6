using System.Text.Json.Serialization;

namespace ProcessManager.Contracts.Dtos;

/// <summary>Source-generated serializers for every DTO: no reflection at start-up on either side.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(ProcessStatus))]
[JsonSerializable(typeof(IReadOnlyList<ProcessStatus>))]
[JsonSerializable(typeof(ProcessDescription))]
[JsonSerializable(typeof(StartProcessRequest))]
[JsonSerializable(typeof(ApplyConfigRequest))]
[JsonSerializable(typeof(ApplyConfigResult))]
[JsonSerializable(typeof(ScaleRequest))]
[JsonSerializable(typeof(IReadOnlyList<HistoryEntry>))]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(IReadOnlyList<LogLine>))]
[JsonSerializable(typeof(ProcessEvent))]
[JsonSerializable(typeof(ActorNode))]
[JsonSerializable(typeof(MemoryStats))]
[JsonSerializable(typeof(PerformanceStats))]
[JsonSerializable(typeof(DaemonStatus))]
[JsonSerializable(typeof(TokenRotation))]
[JsonSerializable(typeof(IReadOnlyList<PaletteInfo>))]
[JsonSerializable(typeof(PaletteInvocation))]
[JsonSerializable(typeof(PaletteResult))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(IReadOnlyList<NodeStatus>))]
[JsonSerializable(typeof(IReadOnlyList<NodeProcesses>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
