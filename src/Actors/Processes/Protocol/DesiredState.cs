using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>What the operator asked for; a restarted daemon brings back what should be running.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DesiredState>))]
public enum DesiredState
{
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("stopped")] Stopped,
}
