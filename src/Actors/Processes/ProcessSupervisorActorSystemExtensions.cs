using Akka;
using Akka.Actor;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes;

/// <summary>Starts process supervision in an actor system.</summary>
public static class ProcessSupervisorActorSystemExtensions
{
    /// <summary>
    /// Starts the supervisor as /user/processes and registers the graceful stop of every program in the service-stop
    /// phase of coordinated shutdown (desired states are kept, so a restarted daemon brings the programs back).
    /// </summary>
    public static IActorRef StartProcessSupervisor(this ActorSystem system, ProcessSupervisorSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (settings?.OutputCapture is { } capture)
        {
            // Before any instance exists, so no FIFO being created now is taken for a stale one.
            OutputFifos.RemoveStale(capture.Directory);
        }

        if (settings?.ProgramTag is { } tag)
        {
            // Also before any instance exists: what runs now was started by an earlier daemon.
            settings = settings with { Survivors = TaggedProcessScan.Scan(tag) };
        }

        var supervisor = system.ActorOf(ProcessSupervisor.Props(settings), ProcessSupervisor.ActorName);
        var shutdown = CoordinatedShutdown.Get(system);
        var timeout = shutdown.Timeout(CoordinatedShutdown.PhaseServiceStop);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "stop-processes", async () =>
        {
            try
            {
                await supervisor.Ask<ProcessesShutDown>(ShutdownProcesses.Instance, timeout).ConfigureAwait(false);
            }
            catch (Exception error) when (error is AskTimeoutException or OperationCanceledException)
            {
                // The process actors' PostStop SIGKILLs whatever is left.
            }

            return Done.Instance;
        });
        return supervisor;
    }
}
