using System.Threading.Channels;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// A live subscription to a program's lines, fed from the capture (not the files), so it survives
/// rotation and restarts of the program. Bounded: when the reader falls behind, new lines are dropped
/// and counted. Dispose to unsubscribe.
/// </summary>
public sealed class LogFollower : IDisposable
{
    private readonly Channel<LogLine> _channel;
    private readonly ProcessLog _owner;
    private long _dropped;

    internal LogFollower(ProcessLog owner, int capacity)
    {
        _owner = owner;
        _channel = Channel.CreateBounded<LogLine>(
            new BoundedChannelOptions(capacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<LogLine> Reader => _channel.Reader;

    /// <summary>Lines this follower missed because it did not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public IAsyncEnumerable<LogLine> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        _owner.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    internal void Offer(in LogLine line) => _channel.Writer.TryWrite(line);

    internal void Complete() => _channel.Writer.TryComplete();
}
