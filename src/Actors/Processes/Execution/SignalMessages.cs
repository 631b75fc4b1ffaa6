using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Execution;

// From an app actor, through the instance, to its ProcessActor (web-0/process).

/// <summary>Signal the running program's group. Reply: <see cref="SignalOutcome"/>.</summary>
internal sealed record SignalProgram(int Signal);

/// <summary>The program that got the signal; null when none was running (or it had just exited).</summary>
internal sealed record SignalOutcome(SignalledInstance? Signalled);
