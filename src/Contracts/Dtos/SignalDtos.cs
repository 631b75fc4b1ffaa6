namespace ProcessManager.Contracts.Dtos;

/// <summary>Body of <c>POST /v1/processes/{name}/signal</c>: a signal name (SIGHUP, HUP) or number.</summary>
public sealed record SignalRequest(string Signal);

/// <summary>Answer of a signal: the signal's name and the instances whose program got it (NAME-INDEX and pid).</summary>
public sealed record SignalResult(string Name, string Signal, IReadOnlyList<SignalledProgram> Signalled);

/// <summary>One program that got the signal.</summary>
public sealed record SignalledProgram(string Instance, int Pid);
