using System.Text.Json;
using System.Text.Json.Serialization;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Cluster;

/// <summary>Source-generated JSON contracts of the messages that cross the wire between nodes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GetNodeInfo))]
[JsonSerializable(typeof(NodeInfo))]
[JsonSerializable(typeof(NodeProcessEvent))]
[JsonSerializable(typeof(ListProcesses))]
[JsonSerializable(typeof(ProcessList))]
[JsonSerializable(typeof(DescribeProcess))]
[JsonSerializable(typeof(ProcessDescription))]
[JsonSerializable(typeof(StartProcess))]
[JsonSerializable(typeof(StartDeclaredProcess))]
[JsonSerializable(typeof(StopProcess))]
[JsonSerializable(typeof(RestartProcess))]
[JsonSerializable(typeof(DeleteProcess))]
[JsonSerializable(typeof(ScaleProcess))]
[JsonSerializable(typeof(ApplyConfig))]
[JsonSerializable(typeof(ApplyResult))]
[JsonSerializable(typeof(ProcessCommandCompleted))]
[JsonSerializable(typeof(ProcessDeleted))]
[JsonSerializable(typeof(GetProcessHistory))]
[JsonSerializable(typeof(ProcessHistory))]
[JsonSerializable(typeof(TailLog))]
[JsonSerializable(typeof(LogLines))]
[JsonSerializable(typeof(FlushLogs))]
[JsonSerializable(typeof(LogsFlushed))]
[JsonSerializable(typeof(ProcessNotFound))]
[JsonSerializable(typeof(InvalidProcessSpec))]
[JsonSerializable(typeof(CommandFailed))]
[JsonSerializable(typeof(ControlInstance))]
[JsonSerializable(typeof(SignalProcess))]
[JsonSerializable(typeof(ProcessSignalled))]
[JsonSerializable(typeof(JournalRefused))]
[JsonSerializable(typeof(FollowLogRemotely))]
[JsonSerializable(typeof(RemoteLogFollowing))]
[JsonSerializable(typeof(RemoteLogAck))]
[JsonSerializable(typeof(ForwardedApiRequest))]
[JsonSerializable(typeof(ForwardedApiResponse))]
internal sealed partial class ClusterProtocolJsonContext : JsonSerializerContext;
