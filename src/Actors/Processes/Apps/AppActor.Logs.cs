using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Processes.Execution;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

internal sealed partial class AppActor
{
    private const int MaxTailLines = 100_000;
    private const int MaxFollowBuffer = 1_000_000;

    /// <summary>Stats are a snapshot for people: a slow instance must not hold the answer up for long.</summary>
    private static readonly TimeSpan BufferStatsTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The instances a log command names (one index, or all), or false after answering why not.</summary>
    private bool TryInstances(int? instance, out IReadOnlyList<IActorRef> instances)
    {
        instances = [];
        if (_spec is not { } spec)
        {
            Sender.Tell(new ProcessNotFound(_name));
            return false;
        }

        if (instance is { } index)
        {
            if (index < 0 || index >= _instances.Count)
            {
                Sender.Tell(new ProcessNotFound(spec.InstanceName(index)));
                return false;
            }

            instances = [_instances[index]];
            return true;
        }

        instances = [.. _instances];
        return true;
    }

    private void OnTail(TailLog tail)
    {
        if (tail.Lines is < 0 or > MaxTailLines)
        {
            Sender.Tell(new CommandFailed($"lines = {tail.Lines}: must be 0..{MaxTailLines}"));
            return;
        }

        if (!TryInstances(tail.Instance, out var instances))
        {
            return;
        }

        var lines = tail.Lines;
        var name = _name;
        Task.WhenAll(instances.Select(instance => instance.Ask<LogLine[]>(new GetLogTail(lines), _settings.CommandTimeout)))
            .PipeTo(Sender, Self, parts => new LogLines(name, [.. parts.SelectMany(part => part).OrderBy(line => line.Timestamp).TakeLast(lines)]), Failure);
    }

    private void OnFollow(FollowLog follow)
    {
        if (follow.BufferCapacity is < 1 or > MaxFollowBuffer)
        {
            Sender.Tell(new CommandFailed($"buffer capacity = {follow.BufferCapacity}: must be 1..{MaxFollowBuffer}"));
            return;
        }

        if (!TryInstances(follow.Instance, out var instances))
        {
            return;
        }

        var name = _name;
        var capacity = follow.BufferCapacity;
        var cancellation = follow.Cancellation;
        Task.WhenAll(instances.Select(instance => instance.Ask<LogSubscription>(new SubscribeLog(capacity), _settings.CommandTimeout)))
            .PipeTo(Sender, Self, subscriptions => Merge(name, subscriptions, capacity, cancellation), Failure);
    }

    /// <summary>
    /// One bounded channel for the caller, fed by each instance's follower. A slow reader loses the oldest lines
    /// (counted), never slows the programs down.
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

    private void OnFlush(IActorRef replyTo)
    {
        IReadOnlyList<IActorRef> instances = [.. _instances];
        Task.WhenAll(instances.Select(instance => instance.Ask<LogsFlushed>(FlushProgramLog.Instance, _settings.CommandTimeout)))
            .PipeTo(replyTo, Self, _ => new LogsFlushed(instances.Count), Failure);
    }

    /// <summary>An instance that does not answer in time (being removed) is left out rather than failing the answer.</summary>
    private void OnBuffers(IActorRef replyTo) =>
        Task.WhenAll(_instances.Select(instance => instance.Ask<InstanceBuffers>(GetInstanceBuffers.Instance, BufferStatsTimeout)
                .ContinueWith(ask => ask.IsCompletedSuccessfully ? ask.Result : null, TaskScheduler.Default)))
            .PipeTo(replyTo, Self, answers => new AppBuffers([.. answers.OfType<InstanceBuffers>()]), Failure);
}
