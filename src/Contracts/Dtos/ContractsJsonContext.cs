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
[JsonSerializable(typeof(BulkProcessRequest))]
[JsonSerializable(typeof(BulkProcessResult))]
[JsonSerializable(typeof(BulkItemResult))]
[JsonSerializable(typeof(IReadOnlyList<UsbDeviceInfo>))]
[JsonSerializable(typeof(UsbDeviceDetail))]
[JsonSerializable(typeof(UsbDeviceEventInfo))]
[JsonSerializable(typeof(IReadOnlyList<UsbDeviceEventInfo>))]
[JsonSerializable(typeof(UsbWatcherStatusInfo))]
[JsonSerializable(typeof(PluginListResult))]
[JsonSerializable(typeof(PluginDescription))]
[JsonSerializable(typeof(PluginInvokeRequest))]
[JsonSerializable(typeof(PluginInvokeResult))]
[JsonSerializable(typeof(PluginReloadResult))]
[JsonSerializable(typeof(IReadOnlyList<PluginHistoryEntry>))]
[JsonSerializable(typeof(MetricsSnapshot))]
[JsonSerializable(typeof(MetricsHistory))]
[JsonSerializable(typeof(DashboardLogin))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
