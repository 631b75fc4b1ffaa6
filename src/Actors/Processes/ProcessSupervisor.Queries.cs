using Akka.Actor;
using ProcessManager.Actors.Processes.Apps;
using ProcessManager.Actors.Processes.History;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes;

public sealed partial class ProcessSupervisor
{
    private const int MaxHistoryLimit = 100_000;

    /// <summary>Stats are a snapshot for people: a slow app must not hold the answer up for long.</summary>
    private static readonly TimeSpan BufferStatsTimeout = TimeSpan.FromSeconds(5);

    private void OnFlush(FlushLogs flush)
    {
        if (flush.Name is { } name)
        {
            WithApp(name, app => app.Actor.Forward(flush), refuseDeleting: false);
            return;
        }

        var apps = _apps.Values.Where(app => app.Spec is not null).ToList();
        Task.WhenAll(apps.Select(app => app.Actor.Ask<LogsFlushed>(new FlushLogs(app.Spec!.Name), _settings.CommandTimeout)))
            .PipeTo(Sender, Self, flushed => new LogsFlushed(flushed.Sum(f => f.Instances)), AppActor.Failure);
    }

    /// <summary>An app that does not answer in time (being deleted) is left out rather than failing the answer.</summary>
    private void OnBufferStats() =>
        Task.WhenAll(_apps.Values.Select(app => app.Actor.Ask<AppBuffers>(GetAppBuffers.Instance, BufferStatsTimeout)
                .ContinueWith(ask => ask.IsCompletedSuccessfully ? ask.Result.Instances : [], TaskScheduler.Default)))
            .PipeTo(Sender, Self, answers => BufferStats.Sum([.. answers.SelectMany(instances => instances)]), AppActor.Failure);

    private void OnHistory(GetProcessHistory history)
    {
        if (history.Limit is < 1 or > MaxHistoryLimit)
        {
            Sender.Tell(new CommandFailed($"limit = {history.Limit}: must be 1..{MaxHistoryLimit}"));
            return;
        }

        if (_settings.ReadJournalId is not { } readJournal)
        {
            Sender.Tell(new CommandFailed("history needs a read journal (Akka.Persistence.Query), and none is configured"));
            return;
        }

        var name = history.Name;
        var declared = _apps.ContainsKey(name);
        ProcessHistoryReader.ReadAsync(Context.System, readJournal, name, history.Since, history.Limit)
            .PipeTo(Sender, Self, entries => declared || entries.Count > 0 ? new ProcessHistory(name, entries) : new ProcessNotFound(name), AppActor.Failure);
    }

    /// <summary>Every app stops its instances in parallel; desired states are kept for the next start.</summary>
    private void OnShutdown()
    {
        var apps = _apps.Values.Where(app => app.Spec is not null).ToList();
        Task.WhenAll(apps.Select(app => app.Actor.Ask<ProcessesShutDown>(
                ShutdownProcesses.Instance,
                _settings.CommandTimeout + app.Spec!.Stop.Timeout + app.Spec.Stop.Timeout)))
            .PipeTo(Sender, Self, stopped => new ProcessesShutDown(stopped.Sum(s => s.Instances)), AppActor.Failure);
    }
}
