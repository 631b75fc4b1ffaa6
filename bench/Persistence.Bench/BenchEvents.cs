using System.Text.Json.Serialization;
using ProcessManager.Persistence.Serialization;

namespace ProcessManager.Persistence.Bench;

/// <summary>Shaped like a process state change: a name, a pid, an exit code, a timestamp.</summary>
public sealed record ProcessEvent(string Name, int Pid, int? ExitCode, DateTimeOffset At);

public sealed record ProcessState(string Name, int Restarts, int? LastPid, IReadOnlyList<int> RecentExitCodes);

[JsonSerializable(typeof(ProcessEvent))]
[JsonSerializable(typeof(ProcessState))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

public static class BenchSerializer
{
    public static EventSerializer Create() =>
        new EventSerializer()
            .Register("process-event", BenchJsonContext.Default.ProcessEvent)
            .Register("process-state", BenchJsonContext.Default.ProcessState);
}
