namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>
/// Sends <paramref name="Signal"/> to the running programs of an app (each to its process group, like a stop signal),
/// or of one instance when <paramref name="Index"/> is given; nothing changes state (a program that the signal ends is
/// handled by its restart policy like any exit). Reply: <see cref="ProcessSignalled"/>, or <see cref="ProcessNotFound"/>.
/// </summary>
public sealed record SignalProcess(string Name, int Signal, int? Index = null) : IProcessCommand;

/// <summary>The instances whose program got the signal (NAME-INDEX, pid); those without a running program are left out.</summary>
public sealed record ProcessSignalled(string Name, IReadOnlyList<SignalledInstance> Signalled);

/// <summary>One instance's program that got the signal.</summary>
public sealed record SignalledInstance(string Instance, int Pid);
