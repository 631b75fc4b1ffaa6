using Akka.Event;
using ProcessManager.Actors.Os;

namespace ProcessManager.Actors.Processes.Instances;

/// <summary>
/// What a restarted daemon finds of this instance besides its journal: the processes marked with its
/// <see cref="ProgramTag"/> that were running when the daemon started (<see cref="ProcessSupervisorSettings.Survivors"/>).
/// </summary>
internal sealed partial class InstanceActor
{
    /// <summary>The process group of the program taken back at recovery: its members are that program's children.</summary>
    private int? _adoptedGroup;

    private IReadOnlyList<TaggedProcess> Survivors =>
        _settings.Survivors.TryGetValue(_fullName, out var survivors) ? survivors : [];

    /// <summary>
    /// A marked program leading its own group while the journal records none running: the old daemon started it and
    /// died before the pid was written. It is taken back, not started a second time.
    /// </summary>
    private TaggedProcess? UnrecordedProgram() =>
        _recorded.Pid is null ? Survivors.FirstOrDefault(process => process.LeadsGroup) : null;

    /// <summary>
    /// Kills the marked processes of this instance outside <paramref name="keptGroup"/>: left behind by an earlier run,
    /// for instance the children of a program that ended while no daemon ran. Nothing may run unknown to the daemon.
    /// </summary>
    private void KillLeftovers(int? keptGroup)
    {
        var killed = Survivors.Where(process => process.ProcessGroup != keptGroup && TaggedProcessScan.Kill(process)).Select(process => process.Pid).ToList();
        if (killed.Count > 0)
        {
            Context.GetLogger().Warning(
                "{0}: killed {1} process(es) left by an earlier run of this instance that no daemon knew of (pids {2})", _fullName, killed.Count, string.Join(", ", killed));
        }
    }
}
