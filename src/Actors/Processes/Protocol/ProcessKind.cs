using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>A long-running service, or a job that runs once and records its result.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProcessKind>))]
public enum ProcessKind
{
    [JsonStringEnumMemberName("service")] Service,
    [JsonStringEnumMemberName("job")] Job,
}
