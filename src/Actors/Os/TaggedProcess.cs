namespace ProcessManager.Actors.Os;

/// <summary>A running process that carries a daemon's <see cref="ProgramTag"/>: which instance it belongs to, and its identity.</summary>
public sealed record TaggedProcess(string InstanceName, int Pid, int ProcessGroup, ulong StartTimeTicks)
{
    /// <summary>True for the program the daemon started itself (spawned programs lead their own group); false for its children.</summary>
    public bool LeadsGroup => Pid == ProcessGroup;
}
