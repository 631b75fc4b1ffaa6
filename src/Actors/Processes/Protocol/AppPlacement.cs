using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>Where a clustered daemon runs an app (pbm.cluster); a daemon alone runs every app itself.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AppPlacement>))]
public enum AppPlacement
{
    /// <summary>One copy on every node (with the app's placement-role, when it names one).</summary>
    [JsonStringEnumMemberName("every-node")] EveryNode,

    /// <summary>Exactly one copy in the whole cluster, moved when its node leaves or is downed.</summary>
    [JsonStringEnumMemberName("singleton")] Singleton,
}
