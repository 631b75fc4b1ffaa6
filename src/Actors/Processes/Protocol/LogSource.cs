using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Processes.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<LogSource>))]
public enum LogSource
{
    [JsonStringEnumMemberName("stdout")] Stdout,
    [JsonStringEnumMemberName("stderr")] Stderr,
}
