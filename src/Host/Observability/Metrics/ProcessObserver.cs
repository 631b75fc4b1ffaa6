using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Backend;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// Samples the process list (the same answer as <c>GET /v1/processes</c>) once per <c>sample-interval</c> while figures
/// are asked for (<see cref="Demand"/>: a live subscriber, a scrape, a list), else once per <c>idle-sample-interval</c>,
/// like the process actors sample /proc: the gauges of <c>/metrics</c> read the latest sample (a scrape never waits for
/// the actors), the history feeds the charts, and live subscribers (the dashboard, <c>pbm top</c>) get each sample pushed.
/// </summary>
internal sealed partial class ProcessObserver : IAsyncDisposable
{
    /// <summary>Every this many samples the actor tree is walked for the actor count (a walk costs an Identify per actor).</summary>
    private const int ActorCountEvery = 15;

    private readonly IProcessBackend _backend;
    private readonly ObservabilitySettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Channel<MetricsSnapshot>, byte> _subscribers = new();
    private readonly TaskCompletionSource _firstSample = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile MetricsSnapshot? _latest;
    private volatile IReadOnlyList<BufferUsage> _buffers = [];
    private long _actors = -1;
    private long _samples;

    public ProcessObserver(IProcessBackend backend, ObservabilitySettings settings, ILogger logger, SubsystemSampler? subsystems = null, MetricsDemand? demand = null)
    {
        _backend = backend;
        Demand = demand ?? new MetricsDemand(null, settings.DemandWindow);
        Subsystems = subsystems;
        _settings = settings;
        _logger = logger;
        History = new MetricsHistoryStore(settings.History, settings.MaxPrograms);
    }

    /// <summary>The latest sample; null before the first.</summary>
    public MetricsSnapshot? Latest => _latest;

    /// <summary>The subsystems' bounded buffers at the latest sample.</summary>
    public IReadOnlyList<BufferUsage> Buffers => _buffers;

    /// <summary>Actors under /user and /system at the last walk; -1 before the first.</summary>
    public long Actors => Interlocked.Read(ref _actors);

    /// <summary>The USB watcher's and plugin host's counters at the latest sample, when the daemon runs them.</summary>
    public SubsystemSampler? Subsystems { get; }

    /// <summary>Whether figures are being read, which sets the cadence.</summary>
    public MetricsDemand Demand { get; }

    /// <summary>Per-program charts.</summary>
    public MetricsHistoryStore History { get; }

    /// <summary>Live subscribers now.</summary>
    public int Subscribers => _subscribers.Count;

    /// <summary>Completes after the first sample (or its failure).</summary>
    public Task FirstSample => _firstSample.Task;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Takes one sample now and hands it to the history and the subscribers.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.SampleInterval * 5 + TimeSpan.FromSeconds(5));
        var processes = await _backend.ListAsync(timeout.Token).ConfigureAwait(false);
        var snapshot = new MetricsSnapshot(DateTimeOffset.UtcNow, processes);
        _latest = snapshot;
        History.Add(snapshot);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(snapshot);
        }

        _buffers = await _backend.BufferUsageAsync(timeout.Token).ConfigureAwait(false);
        if (Subsystems is not null)
        {
            await Subsystems.SampleAsync(_settings.SampleInterval * 5, timeout.Token).ConfigureAwait(false);
        }

        if (Interlocked.Increment(ref _samples) % ActorCountEvery == 1)
        {
            var root = await _backend.HierarchyAsync(64, timeout.Token).ConfigureAwait(false);
            Interlocked.Exchange(ref _actors, Count(root) - 1);
        }
    }

    /// <summary>The latest sample (when there is one), then each new one until cancelled; a slow reader loses the oldest.</summary>
    public async IAsyncEnumerable<MetricsSnapshot> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<MetricsSnapshot>(new BoundedChannelOptions(_settings.StreamBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers.TryAdd(channel, 0);
        Demand.Note();
        try
        {
            if (_latest is { } latest)
            {
                yield return latest;
            }

            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return snapshot;
            }
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryComplete();
        }

        _stop.Dispose();
    }

    private static long Count(ActorNode node) => 1 + node.Children.Sum(Count);

    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            do
            {
                try
                {
                    await SampleAsync(token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // A slow or failing supervisor costs one sample; the gauges keep the previous one.
                    LogSampleFailed(_logger, ex.Message);
                }

                _firstSample.TrySetResult();
                if (!_subscribers.IsEmpty)
                {
                    // A live subscriber keeps the programs on the fast cadence too.
                    Demand.Note();
                }
            }
            while (await NextSampleAsync(token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed: the daemon is stopping.
        }
        finally
        {
            _firstSample.TrySetResult();
        }
    }

    /// <summary>Waits sample-interval while figures are read, else idle-sample-interval or until demand starts.</summary>
    /// <returns>True; the token cancels the wait when the daemon stops.</returns>
    private async Task<bool> NextSampleAsync(CancellationToken token)
    {
        var started = Demand.Started;
        if (Demand.Active || !_subscribers.IsEmpty || _settings.IdleSampleInterval <= _settings.SampleInterval)
        {
            await Task.Delay(_settings.SampleInterval, token).ConfigureAwait(false);
            return true;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
        var idle = Task.Delay(_settings.IdleSampleInterval, wait.Token);
        if (await Task.WhenAny(idle, started).ConfigureAwait(false) == started)
        {
            await wait.CancelAsync().ConfigureAwait(false);
        }

        await idle.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        token.ThrowIfCancellationRequested();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Metrics sample failed: {Reason}")]
    private static partial void LogSampleFailed(ILogger logger, string reason);
}
