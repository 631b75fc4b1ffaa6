using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>The result of one event: the state before and after, what to do, and why.</summary>
public sealed record Transition(ProcessState From, ProcessState To, IReadOnlyList<InstanceEffect> Effects, string Reason)
{
    /// <summary>The event changed nothing (e.g. a stale timer, or start while running).</summary>
    public bool Ignored { get; init; }

    public static Transition Ignore(ProcessState state, string reason) => new(state, state, [], reason) { Ignored = true };
}
