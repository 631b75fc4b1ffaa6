using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cluster.Tests;

/// <summary>
/// A node's `events --all-nodes` stream, collected in the background; a test waits for an event to arrive rather than
/// polling a view that may skip a short-lived state (unreachable lasts only until the resolver downs the node).
/// </summary>
internal sealed class FleetEventLog : IAsyncDisposable
{
    private readonly List<ProcessEvent> _events = [];
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly Task _reader;
    private Exception? _failure;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FleetEventLog(Func<CancellationToken, IAsyncEnumerable<ProcessEvent>> stream)
    {
        _reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in stream(_cancel.Token))
                {
                    TaskCompletionSource arrived;
                    lock (_events)
                    {
                        _events.Add(e);
                        arrived = _arrived;
                        _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    arrived.TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
                // The end of the test.
            }
            catch (Exception error)
            {
                // The stream broke (its daemon went away): a waiter times out and names this.
                _failure = error;
            }
        });
    }

    /// <summary>
    /// Subscribes to <paramref name="node"/>'s fleet events; returns once the stream is live, which the membership
    /// snapshot the stream begins with (a member-up per member) shows.
    /// </summary>
    public static async Task<FleetEventLog> OpenAsync(ClusterNode node, int members)
    {
        var log = new FleetEventLog(cancel => node.Client.EventsOfAllNodesAsync(cancel));
        await log.WaitForAsync(events => events.Count(e => e.Status == "member-up") >= members, $"{members} member-up events from {node.Name}", TestTiming.CommandSeconds).ConfigureAwait(false);
        return log;
    }

    /// <summary>
    /// Subscribes through <paramref name="via"/> to the events of <paramref name="node"/> alone (`pbm --node NODE
    /// process events`); returns once the stream is live (the node's member-up it begins with).
    /// </summary>
    public static async Task<FleetEventLog> OpenOfNodeAsync(ClusterNode via, string node)
    {
        var client = via.ClientFor(node);
        var log = new FleetEventLog(cancel => client.EventsAsync(cancel));
        await log.WaitForAsync(events => events.Any(e => e.Status == "member-up"), $"{node}'s member-up through {via.Name}", TestTiming.CommandSeconds).ConfigureAwait(false);
        return log;
    }

    public IReadOnlyList<ProcessEvent> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    /// <summary>Waits until the events received so far satisfy <paramref name="condition"/>; fails after the bound.</summary>
    public async Task<IReadOnlyList<ProcessEvent>> WaitForAsync(Func<IReadOnlyList<ProcessEvent>, bool> condition, string what, double seconds = TestTiming.ClusterChangeSeconds)
    {
        if (!await TryWaitForAsync(condition, seconds).ConfigureAwait(false))
        {
            Assert.Fail($"timed out waiting for {what}; events seen: {string.Join("; ", Snapshot().Select(e => $"{e.Node}/{e.Process} {e.Status}"))}; stream error: {_failure?.Message ?? "none"}");
        }

        return Snapshot();
    }

    /// <summary>Waits until the events received so far satisfy <paramref name="condition"/>, or the bound passes (false).</summary>
    public async Task<bool> TryWaitForAsync(Func<IReadOnlyList<ProcessEvent>, bool> condition, double seconds)
    {
        using var bound = new CancellationTokenSource(Built.Scaled(seconds));
        while (true)
        {
            Task next;
            IReadOnlyList<ProcessEvent> events;
            lock (_events)
            {
                events = [.. _events];
                next = _arrived.Task;
            }

            if (condition(events))
            {
                return true;
            }

            try
            {
                await next.WaitAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>The membership changes of <paramref name="node"/> seen so far, in order.</summary>
    public IReadOnlyList<string> MemberChanges(string node) =>
        Snapshot().Where(e => e.Process == "node/" + node).Select(e => e.Status).ToList();

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _cancel.Dispose();
    }
}
