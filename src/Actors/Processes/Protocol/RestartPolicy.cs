using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>When a program that exited on its own is started again.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestartPolicy>))]
public enum RestartPolicy
{
    /// <summary>Always restart, whatever the exit status (OTP "permanent").</summary>
    [JsonStringEnumMemberName("always")] Always,

    /// <summary>Restart only when the exit is not a success (OTP "transient").</summary>
    [JsonStringEnumMemberName("on-failure")] OnFailure,

    /// <summary>Never restart (OTP "temporary").</summary>
    [JsonStringEnumMemberName("never")] Never,
}
