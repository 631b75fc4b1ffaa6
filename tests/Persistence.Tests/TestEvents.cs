using System.Text.Json.Serialization;
using ProcessManager.Persistence.Serialization;

namespace ProcessManager.Persistence.Tests;

public sealed record Incremented(int By);

public sealed record Note(string Text);

public sealed record CounterState(int Value, IReadOnlyList<string> Notes);

/// <summary>Version 1 of the "process started" event, as an earlier build wrote it.</summary>
public sealed record ProcessStartedV1(string Name, int Pid);

/// <summary>Version 2: the pid was renamed and the command line added.</summary>
public sealed record ProcessStarted(string Name, int ProcessId, string CommandLine);

/// <summary>Version 2 of a tolerant evolution: a member was added, old payloads read it as its default.</summary>
public sealed record ProcessExited(string Name, int ExitCode, string? Signal = null);

public sealed record ProcessExitedV1(string Name, int ExitCode);

[JsonSerializable(typeof(Incremented))]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(ProcessStartedV1))]
[JsonSerializable(typeof(ProcessStarted))]
[JsonSerializable(typeof(ProcessExited))]
[JsonSerializable(typeof(ProcessExitedV1))]
public sealed partial class TestJsonContext : JsonSerializerContext;

public static class TestSerializers
{
    /// <summary>The serializer the current build of the test domain registers.</summary>
    public static EventSerializer Current() =>
        new EventSerializer()
            .Register("incremented", TestJsonContext.Default.Incremented)
            .Register("note", TestJsonContext.Default.Note)
            .Register("counter-state", TestJsonContext.Default.CounterState)
            .Register("process-started.v2", TestJsonContext.Default.ProcessStarted)
            .RegisterUpcaster(
                "process-started",
                TestJsonContext.Default.ProcessStartedV1,
                v1 => new ProcessStarted(v1.Name, v1.Pid, CommandLine: "(unknown: written before v2)"))
            .Register("process-exited", TestJsonContext.Default.ProcessExited);

    /// <summary>The serializer an earlier build registered (v1 shapes under their manifests).</summary>
    public static EventSerializer Version1() =>
        new EventSerializer()
            .Register("process-started", TestJsonContext.Default.ProcessStartedV1)
            .Register("process-exited", TestJsonContext.Default.ProcessExitedV1);
}
