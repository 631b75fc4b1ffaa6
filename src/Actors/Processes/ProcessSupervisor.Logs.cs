using System.Threading.Channels;
using ProcessManager.Actors.Processes.Execution;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervisor;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes;

public sealed partial class ProcessSupervisor
{
    private const int MaxTailLines = 100_000;

    /// <summary>Stats are a snapshot for people: a slow instance must not hold the answer up for long.</summary>
    private static readonly TimeSpan BufferStatsTimeout = TimeSpan.FromSeconds(5);

    private bool TryInstances(string name, int? instance, out DeclaredApp app, out IReadOnlyList<IActorRef> instances)
    {
        instances = [];
        if (!_apps.TryGetValue(name, out app!))
        {
            Sender.Tell(new ProcessNotFound(name));
            return false;
        }

        if (instance is { } index)
        {
            if (index < 0 || index >= app.Instances.Count)
            {
                Sender.Tell(new ProcessNotFound(app.Spec.InstanceName(index)));
                return false;
            }

            instances = [app.Instances[index]];
            return true;
        }

        instances = [.. app.Instances];
        return true;
    }

    private void OnTail(TailLog tail)
    {
        if (tail.Lines is < 0 or > MaxTailLines)
        {
            Sender.Tell(new CommandFailed($"lines = {tail.Lines}: must be 0..{MaxTailLines}"));
            return;
        }

        if (!TryInstances(tail.Name, tail.Instance, out var app, out var instances))
        {
            return;
        }

        var lines = tail.Lines;
        var name = tail.Name;
        var timeout = _settings.CommandTimeout;
        Task.WhenAll(instances.Select(instance => instance.Ask<LogLine[]>(new GetLogTail(lines), timeout)))
            .PipeTo(Sender, Self, parts => new LogLines(name, [.. parts.SelectMany(part => part).OrderBy(line => line.Timestamp).TakeLast(lines)]), Failure);
    }

    private void OnFollow(FollowLog follow)
    {
        if (follow.BufferCapacity is < 1 or > 1_000_000)
        {
            Sender.Tell(new CommandFailed($"buffer capacity = {follow.BufferCapacity}: must be 1..1000000"));
            return;
        }

        if (!TryInstances(follow.Name, follow.Instance, out _, out var instances))
        {
            return;
        }

        var name = follow.Name;
        var capacity = follow.BufferCapacity;
        var cancellation = follow.Cancellation;
        Task.WhenAll(instances.Select(instance => instance.Ask<LogSubscription>(new SubscribeLog(capacity), _settings.CommandTimeout)))
            .PipeTo(Sender, Self, subscriptions => Merge(name, subscriptions, capacity, cancellation), Failure);
    }

    /// <summary>
    /// One bounded channel for the caller, fed by each instance's follower. A slow reader loses the
    /// oldest lines (counted), never slows the programs down.
    /// </summary>
    private static LogFollowing Merge(string name, LogSubscription[] subscriptions, int capacity, CancellationToken cancellation)
    {
        long dropped = 0;
        var merged = Channel.CreateBounded<LogLine>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false },
            _ => Interlocked.Increment(ref dropped));
        var pumps = subscriptions.Select(subscription => Task.Run(async () =>
        {
            using var follower = subscription.Follower;
            try
            {
                await foreach (var line in follower.ReadAllAsync(cancellation).ConfigureAwait(false))
                {
                    merged.Writer.TryWrite(ProcessActor.ToProtocol(subscription.Instance, line));
                }
            }
            catch (OperationCanceledException)
            {
                // The caller stopped following.
            }
        }, CancellationToken.None)).ToArray();
        _ = Task.WhenAll(pumps).ContinueWith(_ => merged.Writer.TryComplete(), TaskScheduler.Default);
        return new LogFollowing(name, merged.Reader, () => Interlocked.Read(ref dropped) + subscriptions.Sum(s => s.Follower.Dropped));
    }

    private void OnFlush(FlushLogs flush)
    {
        DeclaredApp? only = null;
        if (flush.Name is { } name && !_apps.TryGetValue(name, out only))
        {
            Sender.Tell(new ProcessNotFound(name));
            return;
        }

        var instances = only is null ? _apps.Values.SelectMany(app => app.Instances).ToList() : [.. only.Instances];
        var timeout = _settings.CommandTimeout;
        Task.WhenAll(instances.Select(instance => instance.Ask<LogsFlushed>(FlushProgramLog.Instance, timeout)))
            .ContinueWith(_ => _journal.FlushAsync(), TaskScheduler.Default).Unwrap()
            .PipeTo(Sender, Self, () => new LogsFlushed(instances.Count), Failure);
    }

    /// <summary>
    /// Each instance answers from its own state; the journal writer's counters are thread-safe. An instance
    /// that does not answer in time (being deleted) is left out rather than failing the whole answer.
    /// </summary>
    private void OnBufferStats()
    {
        var instances = _apps.Values.SelectMany(app => app.Instances).ToList();
        var journal = _journal;
        Task.WhenAll(instances.Select(instance => instance.Ask<InstanceBuffers>(GetInstanceBuffers.Instance, BufferStatsTimeout)
                .ContinueWith(ask => ask.IsCompletedSuccessfully ? ask.Result : null, TaskScheduler.Default)))
            .PipeTo(Sender, Self, answers => Sum([.. answers.OfType<InstanceBuffers>()], journal), Failure);
    }

    private static BufferStats Sum(InstanceBuffers[] parts, Journal.JournalWriter journal) => new(
        parts.Length,
        parts.Sum(p => p.LogQueuedBytes),
        parts.Sum(p => p.LogQueueCapacityBytes),
        parts.Sum(p => p.LogCapturedLines),
        parts.Sum(p => p.LogDroppedLines),
        parts.Sum(p => p.RingLines),
        parts.Sum(p => p.RingCapacity),
        parts.Sum(p => p.MetricsSamples),
        parts.Sum(p => p.MetricsCapacity),
        journal.Pending,
        journal.Capacity,
        journal.Failed);

    private void OnHistory(GetProcessHistory history)
    {
        if (history.Limit is < 1 or > 100_000)
        {
            Sender.Tell(new CommandFailed($"limit = {history.Limit}: must be 1..100000"));
            return;
        }

        var name = history.Name;
        var declared = _apps.ContainsKey(name);
        var journal = _journal.Journal;
        HistoryAsync(journal, _journal, name, history.Since, history.Limit)
            .PipeTo(Sender, Self, entries => declared || entries.Count > 0 ? new ProcessHistory(name, entries) : new ProcessNotFound(name), Failure);
    }

    private static async Task<IReadOnlyList<ProcessHistoryEntry>> HistoryAsync(
        Journal.IProcessJournal journal, Journal.JournalWriter writer, string name, DateTimeOffset? since, int limit)
    {
        // Events recorded just before the question are part of the answer.
        await writer.FlushAsync().ConfigureAwait(false);
        var prefix = "process/" + name + "-";
        var ids = (await journal.PersistenceIdsAsync(prefix).ConfigureAwait(false))
            .Where(id => int.TryParse(id.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Prepend(AppId(name));
        var events = new List<Journal.JournaledProcessEvent>();
        foreach (var id in ids)
        {
            events.AddRange(await journal.ReadAsync(id, since, limit).ConfigureAwait(false));
        }

        return [.. events
            .OrderBy(e => e.Timestamp).ThenBy(e => e.SequenceNr)
            .TakeLast(limit)
            .Select(e => new ProcessHistoryEntry(
                e.SequenceNr,
                e.Timestamp,
                e.PersistenceId.StartsWith("app/", StringComparison.Ordinal) ? name : e.PersistenceId["process/".Length..],
                e.Event.Name,
                e.Event.Describe()))];
    }
}
