using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>The observable state of one instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProcessState>))]
public enum ProcessState
{
    /// <summary>Spawn requested, pid not known yet.</summary>
    [JsonStringEnumMemberName("starting")] Starting,

    /// <summary>The program runs with a known pid.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Stop signal sent, waiting for the exit (SIGKILL after the stop timeout).</summary>
    [JsonStringEnumMemberName("stopping")] Stopping,

    /// <summary>Stopped on request; stays stopped until started again.</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,

    /// <summary>Exited on its own and the restart policy does not restart it (or a job finished).</summary>
    [JsonStringEnumMemberName("exited")] Exited,

    /// <summary>Exited; a restart is scheduled after a backoff delay (see NextAttemptAt).</summary>
    [JsonStringEnumMemberName("backing-off")] BackingOff,

    /// <summary>Too many restarts within the crash-loop window; cooling down before trying again.</summary>
    [JsonStringEnumMemberName("crash-loop")] CrashLoop,

    /// <summary>The program could not be spawned (the OS error is in Error).</summary>
    [JsonStringEnumMemberName("errored")] Errored,
}
